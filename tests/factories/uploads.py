"""Bytes of good and hostile uploads: images, polyglots, PDFs, Office files."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SCRIPT = b"<html><body><script>window.pwned = 1; alert(1)</script></body></html>"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def image_bytes(fmt: str = "JPEG", size=(40, 30), exif: bytes | None = None) -> bytes:
    """Return a small valid image in Pillow format ``fmt``."""
    buffer = io.BytesIO()
    mode = "P" if fmt == "GIF" else "RGB"
    options = {"exif": exif} if exif else {}
    Image.new(mode, size, 120).save(buffer, format=fmt, **options)
    return buffer.getvalue()


def polyglot(fmt: str = "GIF") -> bytes:
    """Return a real image with an HTML page and script appended."""
    return image_bytes(fmt) + SCRIPT


def pdf_bytes() -> bytes:
    """Return a minimal PDF."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx_bytes() -> bytes:
    """Return a minimal Word document (Office Open XML) built with zipfile."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    """Return a minimal OpenDocument text file built with zipfile."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    """Return ``data`` as an uploaded file named ``name``."""
    return SimpleUploadedFile(name, data, content_type=content_type)
