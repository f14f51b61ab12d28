"""The upload policy: what each kind of file field accepts, and how.

A file's type is read from its bytes (``filetype`` and Pillow), never from its
name or the browser's content type. Images are decoded and re-encoded by
Pillow, which drops anything appended to them (an HTML or script "polyglot")
and their metadata; other files keep their bytes. Every accepted file gets a
random name with the extension of the detected type, so a file is never
stored, nor served, as a type it was not found to be.
"""

from __future__ import annotations

import io
import uuid
import warnings
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

#: Detected kind (the stored extension) -> the content type it is served as.
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
#: Kinds shown inline; every other kind is served as an attachment.
IMAGE_KINDS = frozenset({"jpg", "png", "webp"})
OFFICE_KINDS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "doc", "xls", "ppt"})

#: Pillow format -> (stored kind, format it is re-encoded to).
_PILLOW_FORMATS = {
    "JPEG": ("jpg", "JPEG"),
    "PNG": ("png", "PNG"),
    "WEBP": ("webp", "WEBP"),
    # A GIF becomes a PNG of its first frame.
    "GIF": ("png", "PNG"),
}
#: The member that names each Office Open XML kind inside its zip.
_OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of file field accepts."""

    #: Name the model fields refer to (kept in migrations).
    name: str
    #: Accepted kinds: ``image`` (JPEG, PNG, WebP, GIF), ``pdf``, ``office``.
    accepts: frozenset[str]
    #: The error shown for anything else.
    message: str


IMAGE = UploadPolicy(
    name="image",
    accepts=frozenset({"image"}),
    message=_("Upload an image (JPEG, PNG or WebP)."),
)
SCAN = UploadPolicy(
    name="scan",
    accepts=frozenset({"image", "pdf"}),
    message=_("Upload a PDF or an image (JPEG, PNG or WebP)."),
)
DOCUMENT = UploadPolicy(
    name="document",
    accepts=frozenset({"image", "pdf", "office"}),
    message=_(
        "Upload a PDF, an image (JPEG, PNG or WebP) or an Office document "
        "(Word, Excel, PowerPoint, OpenDocument)."
    ),
)
POLICIES = {policy.name: policy for policy in (IMAGE, SCAN, DOCUMENT)}


def image_size_limit() -> int:
    """Return the byte limit of an uploaded image."""
    return settings.MAX_IMAGE_UPLOAD_SIZE


def document_size_limit() -> int:
    """Return the byte limit of an uploaded PDF or Office document."""
    return getattr(settings, "MAX_DOCUMENT_UPLOAD_SIZE", 20 * 1024 * 1024)


def _too_large(size: int, limit: int) -> ValidationError:
    return ValidationError(
        format_lazy(
            _("The file is too large ({size}); the limit is {limit}."),
            size=filesizeformat(size),
            limit=filesizeformat(limit),
        ),
        code="too_large",
    )


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _zip_kind(upload) -> str | None:
    """Return docx/xlsx/pptx/odt/ods when the zip is laid out as one."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                for kind, part in _OOXML_PARTS.items():
                    if part in names:
                        return kind
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                return _ODF_MIMETYPES.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def _office_kind(upload, head: bytes) -> str | None:
    """Return the Office kind the bytes are, or None."""
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if head.startswith(_OLE_SIGNATURE):
        guess = filetype.guess(head)
        if guess is not None and guess.extension in {"doc", "xls", "ppt"}:
            return guess.extension
        # A compound file filetype cannot tell apart: a legacy Word file is
        # the most common; it is only ever served as an attachment.
        return "doc"
    return None


def _reencode_image(upload, *, max_pixels: int) -> tuple[bytes, str]:
    """Decode the image and encode it again; return the bytes and the kind.

    Raise ValidationError for anything Pillow cannot decode as one of the
    accepted formats, and for images with more pixels than ``max_pixels``.
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in _PILLOW_FORMATS:
                    raise ValueError(image.format)
                width, height = image.size
                if max_pixels and width * height > max_pixels:
                    raise Image.DecompressionBombError
                kind, target = _PILLOW_FORMATS[image.format]
                image.seek(0)
                image.load()
                # Keep the orientation the camera recorded, then drop the
                # metadata by not passing it on.
                picture = ImageOps.exif_transpose(image)
                if target == "JPEG" and picture.mode not in ("RGB", "L"):
                    picture = picture.convert("RGB")
                elif target != "JPEG" and picture.mode not in (
                    "RGB",
                    "RGBA",
                    "L",
                    "LA",
                ):
                    picture = picture.convert("RGBA")
                out = io.BytesIO()
                options = {"quality": 90} if target in ("JPEG", "WEBP") else {}
                picture.save(out, format=target, **options)
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
        upload.seek(0)
    return out.getvalue(), kind


def _random_name(kind: str) -> str:
    return f"{uuid.uuid4().hex}.{kind}"


def upload_clean(upload: UploadedFile, *, policy: UploadPolicy) -> UploadedFile:
    """Check an upload against ``policy`` and return the file to store.

    The returned file has a random name whose extension is the detected type
    and, for an image, the re-encoded bytes. Raise ValidationError with a
    translated message when the file is refused.
    """
    size = upload.size or 0
    limits = []
    if "image" in policy.accepts:
        limits.append(image_size_limit())
    if policy.accepts - {"image"}:
        limits.append(document_size_limit())
    if size > max(limits):
        raise _too_large(size, max(limits))
    if size == 0:
        raise ValidationError(_("The submitted file is empty."), code="empty")

    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head)
    detected = guess.extension if guess is not None else None

    if detected in {"jpg", "png", "gif", "webp"}:
        if "image" not in policy.accepts:
            raise ValidationError(policy.message, code="bad_type")
        if size > image_size_limit():
            raise _too_large(size, image_size_limit())
        max_pixels = getattr(settings, "PIL_MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)
        data, kind = _reencode_image(upload, max_pixels=max_pixels)
        cleaned = SimpleUploadedFile(_random_name(kind), data, CONTENT_TYPES[kind])
        cleaned.upload_policy = policy.name
        return cleaned

    kind = None
    if "pdf" in policy.accepts and head.startswith(b"%PDF-"):
        kind = "pdf"
    elif "office" in policy.accepts:
        kind = _office_kind(upload, head)
    if kind is None:
        raise ValidationError(policy.message, code="bad_type")
    if size > document_size_limit():
        raise _too_large(size, document_size_limit())
    # Keep the bytes (no reason to hold 20 MB in memory), under a new name.
    upload.name = _random_name(kind)
    upload.content_type = CONTENT_TYPES[kind]
    upload.upload_policy = policy.name
    upload.seek(0)
    return upload


def upload_check(upload, *, policy: UploadPolicy) -> None:
    """Raise ValidationError when ``policy`` refuses the file; change nothing.

    For model validators: a file already stored, or already cleaned by this
    policy's form field, passes at once.
    """
    if getattr(upload, "_committed", False):
        return
    if getattr(upload, "upload_policy", None) == policy.name:
        return
    if isinstance(upload, FieldFile):
        upload = upload.file
    if getattr(upload, "upload_policy", None) == policy.name:
        return
    name = getattr(upload, "name", None)
    content_type = getattr(upload, "content_type", None)
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload_clean(upload, policy=policy)
    finally:
        if name is not None:
            upload.name = name
        if content_type is not None:
            upload.content_type = content_type
        if hasattr(upload, "upload_policy"):
            del upload.upload_policy
        upload.seek(position)


@deconstructible
class PolicyValidator:
    """A model validator refusing any new file the named policy refuses."""

    def __init__(self, policy_name: str) -> None:
        self.policy_name = policy_name

    def __call__(self, value) -> None:
        upload_check(value, policy=POLICIES[self.policy_name])

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, PolicyValidator) and other.policy_name == self.policy_name
        )


def content_type_for(name: str) -> str:
    """Return the content type a stored file is served as, from its extension.

    Stored names carry the detected type's extension; anything else (a file
    stored before the policy) is served as opaque bytes.
    """
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind == "jpeg":
        kind = "jpg"
    return CONTENT_TYPES.get(kind, "application/octet-stream")


def is_inline_safe(content_type: str) -> bool:
    """Return whether a file of this type may be shown in the browser."""
    return content_type in {CONTENT_TYPES[kind] for kind in IMAGE_KINDS}
