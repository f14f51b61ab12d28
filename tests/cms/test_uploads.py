"""Bad uploads are refused with a clear message in the editor's language."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from marketplace.core import roles

Document = get_document_model()
WagtailImage = get_image_model()


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_user("editor", "e@htx.local", "pw-123456")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(user)
    return client


def _jpeg(size=(600, 400)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["setup.exe", "trang.html", "anh.svg"])
def test_document_that_is_not_pdf_or_office_is_refused(editor_client, name):
    upload = SimpleUploadedFile(name, b"MZ\x90\x00 not a document")

    response = editor_client.post(
        reverse("wagtaildocs:add"), {"title": "Tệp lạ", "file": upload}
    )

    assert response.status_code == 200
    assert "Hãy tải lên một tệp PDF" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["bao-cao.pdf", "cong-van.docx", "so-lieu.xlsx"])
def test_pdf_and_office_documents_are_accepted(editor_client, name):
    upload = SimpleUploadedFile(name, b"%PDF-1.4 demo")

    response = editor_client.post(
        reverse("wagtaildocs:add"), {"title": "Văn bản", "file": upload}
    )

    assert response.status_code == 302
    assert Document.objects.get().title == "Văn bản"


def test_image_over_the_size_limit_is_refused_with_a_message(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    upload = SimpleUploadedFile("anh.jpg", _jpeg(), content_type="image/jpeg")

    response = editor_client.post(
        reverse("wagtailimages:add"), {"title": "Ảnh lớn", "file": upload}
    )

    assert response.status_code == 200
    assert "Tệp này quá lớn" in response.content.decode()
    assert not WagtailImage.objects.exists()
