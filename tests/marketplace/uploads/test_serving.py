"""Serving uploads: never as HTML or SVG, nosniff always, private files guarded."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from marketplace.uploads.serving import private_file_response
from marketplace.uploads.storage import private_storage
from tests.factories.uploads import SCRIPT, SVG_WITH_SCRIPT, image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_root(settings, tmp_path):
    """Keep each test's private files in a folder of its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return tmp_path / "private"


def _media_file(settings, name: str, data: bytes) -> None:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("agreements/evidence/2024/bien-ban.html", SCRIPT),
        ("cooperatives/logos/logo.svg", SVG_WITH_SCRIPT),
        ("images/products/anh.htm", image_bytes("GIF") + SCRIPT),
        ("images/products/anh.xhtml", SCRIPT),
    ],
    ids=["html", "svg", "htm-polyglot", "xhtml"],
)
def test_media_never_goes_out_as_html_or_svg(client, settings, name, data):
    _media_file(settings, name, data)

    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_images_go_out_inline_with_nosniff(client, settings):
    _media_file(settings, "images/products/anh.png", image_bytes("PNG"))

    response = client.get("/media/images/products/anh.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="anh.png"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_pdf_goes_out_as_an_attachment(client, settings):
    _media_file(settings, "documents/bao-cao.pdf", pdf_bytes())

    response = client.get("/media/documents/bao-cao.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_outside_the_media_folder_is_not_served(client, settings):
    response = client.get("/media/../manage.py")

    # Django refuses the path as suspicious before looking for a file.
    assert response.status_code == 400


def test_private_files_are_not_under_media(client, settings, private_root):
    name = private_storage().save("agreements/evidence/2024/x.pdf", ContentFile(b"1"))

    assert (private_root / name).exists()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert client.get(f"/media/{name}").status_code == 404


class _Holder:
    """A stand-in for a model's FieldFile: a name and its storage."""

    def __init__(self, name: str):
        self.name = name
        self.storage = private_storage()


def test_a_private_file_is_streamed_as_an_attachment(private_root):
    name = private_storage().save("a/2024/f.pdf", ContentFile(pdf_bytes()))

    response = private_file_response(file=_Holder(name))

    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="f.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_private_file_of_unknown_type_goes_out_as_opaque_bytes(private_root):
    name = private_storage().save("a/2024/old.html", ContentFile(SCRIPT))

    response = private_file_response(file=_Holder(name))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="old.html"'


def test_behind_nginx_a_private_file_is_handed_to_the_internal_location(
    settings, private_root
):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_private/"

    response = private_file_response(file=_Holder("a/2024/f.pdf"))

    assert response["X-Accel-Redirect"] == "/_private/a/2024/f.pdf"
    assert response["Content-Disposition"] == 'attachment; filename="f.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""


def test_a_missing_private_file_answers_404(private_root):
    with pytest.raises(Http404):
        private_file_response(file=_Holder("a/2024/gone.pdf"))
