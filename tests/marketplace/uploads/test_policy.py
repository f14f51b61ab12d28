"""The upload policy: type from the bytes, images re-encoded, random names."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from PIL import Image

from marketplace.uploads.policy import (
    DOCUMENT,
    IMAGE,
    SCAN,
    content_type_for,
    upload_check,
    upload_clean,
)
from marketplace.uploads.storage import RandomName
from tests.factories.uploads import (
    SCRIPT,
    SVG_WITH_SCRIPT,
    docx_bytes,
    image_bytes,
    odt_bytes,
    pdf_bytes,
    polyglot,
    upload,
)


def random_name(kind: str) -> str:
    """Return the pattern of a random stored name of ``kind``."""
    return r"[0-9a-f]{32}\." + kind


@pytest.mark.parametrize(
    ("policy", "name", "data"),
    [
        (DOCUMENT, "bien-ban.pdf", SCRIPT),
        (DOCUMENT, "bien-ban.html", SCRIPT),
        (DOCUMENT, "logo.svg", SVG_WITH_SCRIPT),
        (IMAGE, "logo.svg", SVG_WITH_SCRIPT),
        (SCAN, "not-a.pdf", b"just some text, not a PDF at all"),
        (IMAGE, "report.pdf", pdf_bytes()),
        (SCAN, "report.docx", docx_bytes()),
        (IMAGE, "plain.zip", b"PK\x03\x04" + b"\x00" * 40),
        (DOCUMENT, "plain.zip", b"PK\x03\x04" + b"\x00" * 40),
    ],
    ids=[
        "html-named-pdf",
        "html",
        "svg-document",
        "svg-image",
        "text-named-pdf",
        "pdf-as-image",
        "docx-as-scan",
        "zip-as-image",
        "zip-as-document",
    ],
)
def test_files_of_a_type_the_field_does_not_accept_are_refused(policy, name, data):
    with pytest.raises(ValidationError) as error:
        upload_clean(upload(name, data), policy=policy)

    assert error.value.code == "bad_type"
    assert str(error.value.message) == str(policy.message)


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "JPEG"])
@pytest.mark.parametrize("name", ["photo.html", "photo.htm", "photo.jpg"])
def test_polyglot_images_are_re_encoded_without_the_appended_script(fmt, name):
    given = upload(name, polyglot(fmt), content_type="text/html")

    cleaned = upload_clean(given, policy=IMAGE)

    data = cleaned.read()
    assert b"<script>" not in data
    assert b"html" not in data.lower()
    kind = {"GIF": "png", "PNG": "png", "JPEG": "jpg"}[fmt]
    assert re.fullmatch(random_name(kind), cleaned.name)
    assert cleaned.content_type == {"png": "image/png", "jpg": "image/jpeg"}[kind]
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 30)


def test_a_re_encoded_image_ends_where_the_image_ends():
    cleaned = upload_clean(upload("a.png", polyglot("PNG")), policy=IMAGE)

    data = cleaned.read()

    assert data.endswith(b"IEND\xaeB`\x82")


def test_image_metadata_is_dropped_and_orientation_kept():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    exif[0x010F] = "Camera maker"
    given = upload("photo.jpg", image_bytes("JPEG", (40, 30), exif.tobytes()))

    cleaned = upload_clean(given, policy=IMAGE)

    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.size == (30, 40)
        assert dict(image.getexif()) == {}


@override_settings(MAX_IMAGE_UPLOAD_SIZE=100, MAX_DOCUMENT_UPLOAD_SIZE=200)
@pytest.mark.parametrize(
    ("policy", "name", "data"),
    [
        (IMAGE, "big.jpg", image_bytes("JPEG", (200, 200))),
        (DOCUMENT, "big.pdf", pdf_bytes() + b"0" * 300),
        (DOCUMENT, "big.jpg", image_bytes("JPEG", (200, 200))),
    ],
    ids=["image", "pdf", "image-as-document"],
)
def test_oversized_files_are_refused(policy, name, data):
    with pytest.raises(ValidationError) as error:
        upload_clean(upload(name, data), policy=policy)

    assert error.value.code == "too_large"
    assert "giới hạn là" in str(error.value.message)


@override_settings(PIL_MAX_IMAGE_PIXELS=1000)
def test_decompression_bombs_are_refused():
    with pytest.raises(ValidationError) as error:
        upload_clean(upload("bomb.png", image_bytes("PNG", (100, 100))), policy=IMAGE)

    assert error.value.code == "decompression_bomb"


def test_a_broken_image_is_refused():
    data = image_bytes("PNG")[:40]

    with pytest.raises(ValidationError) as error:
        upload_clean(upload("broken.png", data), policy=IMAGE)

    assert error.value.code == "invalid_image"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        upload_clean(upload("empty.pdf", b""), policy=DOCUMENT)

    assert error.value.code == "empty"


@pytest.mark.parametrize(
    ("policy", "name", "data", "kind", "content_type"),
    [
        (IMAGE, "anh.JPG", image_bytes("JPEG"), "jpg", "image/jpeg"),
        (IMAGE, "anh.png", image_bytes("PNG"), "png", "image/png"),
        (IMAGE, "anh.webp", image_bytes("WEBP"), "webp", "image/webp"),
        (IMAGE, "anh.gif", image_bytes("GIF"), "png", "image/png"),
        (SCAN, "chung-nhan.pdf", pdf_bytes(), "pdf", "application/pdf"),
        (SCAN, "chung-nhan.jpg", image_bytes("JPEG"), "jpg", "image/jpeg"),
        (DOCUMENT, "hop-dong.pdf", pdf_bytes(), "pdf", "application/pdf"),
        (
            DOCUMENT,
            "hop-dong.docx",
            docx_bytes(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            DOCUMENT,
            "bao-cao.odt",
            odt_bytes(),
            "odt",
            "application/vnd.oasis.opendocument.text",
        ),
        # The extension comes from the bytes, not from the name.
        (DOCUMENT, "hop-dong.html", pdf_bytes(), "pdf", "application/pdf"),
    ],
    ids=[
        "jpeg",
        "png",
        "webp",
        "gif",
        "scan-pdf",
        "scan-jpeg",
        "pdf",
        "docx",
        "odt",
        "html",
    ],
)
def test_good_files_are_accepted_under_a_random_name_of_the_detected_type(
    policy, name, data, kind, content_type
):
    cleaned = upload_clean(upload(name, data, "text/html"), policy=policy)

    assert re.fullmatch(random_name(kind), cleaned.name)
    assert cleaned.content_type == content_type
    assert content_type_for(cleaned.name) == content_type


def test_documents_keep_their_bytes():
    cleaned = upload_clean(upload("a.pdf", pdf_bytes()), policy=DOCUMENT)

    assert cleaned.read() == pdf_bytes()


def test_two_uploads_of_one_file_get_different_names():
    first = upload_clean(upload("a.pdf", pdf_bytes()), policy=DOCUMENT)
    second = upload_clean(upload("a.pdf", pdf_bytes()), policy=DOCUMENT)

    assert first.name != second.name


def test_random_name_keeps_the_folder_and_the_extension_only():
    name = RandomName("agreements/evidence")(None, "0123abcd.pdf")

    assert re.fullmatch(r"agreements/evidence/\d{4}/[0-9a-f]{32}\.pdf", name)


def test_random_name_drops_a_strange_extension():
    name = RandomName("x")(None, "a.p<h>p")

    assert re.fullmatch(r"x/\d{4}/[0-9a-f]{32}", name)


def test_check_refuses_without_changing_the_upload():
    given = upload("bien-ban.pdf", SCRIPT, "application/pdf")

    with pytest.raises(ValidationError):
        upload_check(given, policy=DOCUMENT)

    assert given.name == "bien-ban.pdf"
    assert given.content_type == "application/pdf"


def test_check_accepts_a_good_file_without_renaming_it():
    given = upload("a.pdf", pdf_bytes())

    upload_check(given, policy=DOCUMENT)

    assert given.name == "a.pdf"
    assert not hasattr(given, "upload_policy")
