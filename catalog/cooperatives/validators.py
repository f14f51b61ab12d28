"""Upload checks shared by cooperative photos, product images and OCOP scans."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image


def _check_size(upload) -> None:
    limit = settings.MAX_IMAGE_UPLOAD_SIZE
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def _check_image(upload) -> None:
    """Open the upload with Pillow, refusing non-images and decompression bombs."""
    max_pixels = getattr(settings, "PIL_MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if max_pixels and width * height > max_pixels:
                    raise Image.DecompressionBombError
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image is too large in pixels to be processed safely."),
            code="decompression_bomb",
        ) from None
    except Exception:
        raise ValidationError(
            _("Upload a valid image (JPEG, PNG or WebP)."), code="invalid_image"
        ) from None
    finally:
        upload.seek(position)


def validate_image_upload(upload) -> None:
    """Refuse files over MAX_IMAGE_UPLOAD_SIZE, non-images and decompression bombs."""
    if getattr(upload, "_committed", False):
        return  # a file already stored was checked when it was uploaded
    _check_size(upload)
    _check_image(upload)


def validate_scan_upload(upload) -> None:
    """Refuse scans over the size limit, and images Pillow cannot open safely."""
    if getattr(upload, "_committed", False):
        return
    _check_size(upload)
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".pdf"):
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_("The file is not a PDF."), code="invalid_pdf")
    else:
        _check_image(upload)
