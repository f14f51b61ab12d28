"""Wagtail's document and image uploads run the site's upload policy."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from marketplace.uploads.wagtail_forms import DocumentForm, ImageForm
from tests.factories.uploads import SCRIPT, docx_bytes, pdf_bytes, polyglot, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return get_user_model().objects.create_superuser(
        username="root", email="root@htx.test", password="pw"
    )


def _document_form(admin, file):
    form_class = get_document_form(get_document_model())
    return form_class(
        data={"title": "Văn bản", "collection": Collection.get_first_root_node().pk},
        files={"file": file},
        user=admin,
    )


def _image_form(admin, file):
    form_class = get_image_form(get_image_model())
    return form_class(
        data={"title": "Ảnh", "collection": Collection.get_first_root_node().pk},
        files={"file": file},
        user=admin,
    )


def test_the_settings_name_the_policy_forms():
    assert issubclass(get_document_form(get_document_model()), DocumentForm)
    assert issubclass(get_image_form(get_image_model()), ImageForm)


def test_a_document_that_is_html_named_pdf_is_refused(admin, settings):
    settings.LANGUAGE_CODE = "en"

    form = _document_form(admin, upload("thong-bao.pdf", SCRIPT, "application/pdf"))

    assert not form.is_valid()
    assert form.errors["file"] == [
        "Upload a PDF, an image (JPEG, PNG or WebP) or an Office document "
        "(Word, Excel, PowerPoint, OpenDocument)."
    ]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("a.pdf", pdf_bytes(), "pdf"), ("b.docx", docx_bytes(), "docx")],
    ids=["pdf", "docx"],
)
def test_good_documents_are_saved_under_random_names(admin, name, data, kind):
    form = _document_form(admin, upload(name, data))

    assert form.is_valid(), form.errors
    document = form.save()
    assert re.fullmatch(r"documents/[0-9a-f]{32}\." + kind, document.file.name)


def test_a_polyglot_image_is_re_encoded(admin):
    form = _image_form(admin, upload("anh.gif", polyglot("GIF"), "image/gif"))

    assert form.is_valid(), form.errors
    image = form.save()
    image.file.open("rb")
    data = image.file.read()
    assert SCRIPT not in data
    assert image.file.name.endswith(".png")
    assert (image.width, image.height) == (40, 30)


def test_an_html_file_named_png_is_refused_as_an_image(admin):
    form = _image_form(admin, upload("anh.png", SCRIPT, "image/png"))

    assert not form.is_valid()
    assert "file" in form.errors
