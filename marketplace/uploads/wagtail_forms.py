"""Wagtail's document and image forms, running the site's upload policy.

Named by WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE, so
Wagtail's single and multiple upload views both use them. Wagtail's own checks
(WAGTAILDOCS_EXTENSIONS, its size and pixel limits) still run first.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .policy import DOCUMENT, IMAGE, upload_clean


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form; the file is checked by its bytes."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            upload = upload_clean(upload, policy=DOCUMENT)
        return upload

    def _post_clean(self):
        if "file" in self._errors:
            # The file was refused: the model's extension check would only add
            # a confusing second message about the empty name left behind.
            return
        super()._post_clean()


class ImageForm(BaseImageForm):
    """Wagtail's image form; the image is re-encoded, nothing appended survives."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            upload = upload_clean(upload, policy=IMAGE)
        return upload
