"""Product images, logos, photos and OCOP scans go through the upload policy.

Issue 12, findings 2 and 4: a real image with a script appended, named .html,
passed the Pillow check and was served as HTML; OCOP scans were public.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.forms import modelform_factory
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.cooperatives.forms import CooperativeProfileForm
from catalog.cooperatives.models import CooperativePhoto, ProductListing
from marketplace.core import roles
from tests.factories.catalogue import category_create
from tests.factories.cooperatives import (
    cooperative_create,
    listed_product_create,
    staff_create,
)
from tests.factories.uploads import SCRIPT, image_bytes, pdf_bytes, polyglot, upload

ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
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


def _user(username: str, group: str | None = None, **fields):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@htx.test", password="pw", **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _category_pk() -> str:
    """Return the pk of a public category for the product form (made once)."""
    existing = Category.objects.filter(slug="trai-cay").first()
    return str((existing or category_create()).pk)


def _product_post(**overrides):
    return {
        "title": "Na dai Chi Lăng",
        "description": "Na ngon",
        "unit": "kg",
        "category": _category_pk(),
        "origin": "Chi Lăng",
        "shelf_life": "5 ngày",
        "price": "65000",
        "stock": "20",
        "ocop_stars": "4",
        "ocop_number": "123/QĐ-UBND",
        "ocop_issuing_body": "UBND tỉnh Lạng Sơn",
        "ocop_issued_on": "2025-01-10",
        "ocop_expires_on": "",
        **overrides,
    }


@pytest.mark.parametrize("name", ["anh.html", "anh.htm", "anh.gif"])
def test_a_polyglot_product_image_is_stored_re_encoded_and_served_as_an_image(
    client, settings, name
):
    cooperative = cooperative_create()
    client.force_login(staff_create(cooperative=cooperative))

    response = client.post(
        reverse("cooperatives:manage-product-add"),
        _product_post(image=upload(name, polyglot("GIF"), "text/html")),
    )

    assert response.status_code == 302
    image = ProductListing.objects.get(cooperative=cooperative).product.images.get()
    assert re.fullmatch(r"images/products/\d{4}/[0-9a-f]{32}\.png", image.original.name)
    stored = (Path(settings.MEDIA_ROOT) / image.original.name).read_bytes()
    assert SCRIPT not in stored
    served = client.get(image.original.url)
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_product_image_that_is_html_is_refused_and_keeps_the_input(client, settings):
    settings.LANGUAGE_CODE = "en"
    cooperative = cooperative_create()
    client.force_login(staff_create(cooperative=cooperative))

    response = client.post(
        reverse("cooperatives:manage-product-add"),
        _product_post(image=upload("anh.jpg", SCRIPT, "image/jpeg")),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["form"].errors["image"] == [
        "Upload an image (JPEG, PNG or WebP)."
    ]
    assert 'value="Na dai Chi Lăng"' in response.content.decode()


def test_a_polyglot_logo_and_photo_are_re_encoded():
    form = CooperativeProfileForm(instance=cooperative_create())

    logo = form.fields["logo"].clean(upload("logo.html", polyglot("PNG")))
    photo = form.fields["photo"].clean(upload("p.htm", polyglot("JPEG")))

    assert logo.name.endswith(".png") and SCRIPT not in logo.read()
    assert photo.name.endswith(".jpg") and SCRIPT not in photo.read()


def test_a_stored_photo_gets_a_random_name(settings):
    cooperative = cooperative_create()

    photo = CooperativePhoto.objects.create(
        cooperative=cooperative, image=ContentFile(image_bytes(), name="Ảnh 1.jpg")
    )

    assert re.fullmatch(
        r"cooperatives/photos/\d{4}/[0-9a-f]{32}\.jpg", photo.image.name
    )


def test_every_product_image_model_form_runs_the_policy():
    # Oscar's dashboard and the admin build model forms of ProductImage.
    form_class = modelform_factory(ProductImage, fields=["original"])

    with pytest.raises(ValidationError):
        form_class.base_fields["original"].clean(upload("x.jpg", SCRIPT))
    cleaned = form_class.base_fields["original"].clean(
        upload("x.html", polyglot("GIF"))
    )
    assert cleaned.name.endswith(".png")


def test_model_validation_refuses_a_file_no_form_checked():
    product = listed_product_create(cooperative=cooperative_create())
    image = ProductImage(product=product, original=upload("x.jpg", SCRIPT))

    with pytest.raises(ValidationError) as error:
        image.full_clean()

    assert "original" in error.value.message_dict


@pytest.fixture
def scan_world():
    own = cooperative_create(name="HTX A")
    other = cooperative_create(name="HTX B")
    product = listed_product_create(cooperative=own, stars=4)
    certificate = product.ocop_certificate
    certificate.scan.save("chung-nhan.pdf", ContentFile(pdf_bytes()))
    return {
        "certificate": certificate,
        "product": product,
        "own": staff_create(cooperative=own),
        "other": staff_create(cooperative=other),
        "buyer": _user("buyer"),
        "moderator": _user("mod", roles.MODERATORS, is_staff=True),
        "admin": _user("root", is_staff=True, is_superuser=True),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 404),
        ("buyer", 404),
        ("other", 404),
        ("own", 200),
        ("moderator", 200),
        ("admin", 200),
    ],
)
def test_only_the_cooperative_and_moderators_get_the_ocop_scan(
    client, scan_world, who, status
):
    if who:
        client.force_login(scan_world[who])
    url = reverse("files:ocop-scan", args=[scan_world["certificate"].pk])

    response = client.get(url)

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_scan_is_private_under_a_random_name(settings, scan_world, private_root):
    name = scan_world["certificate"].scan.name

    assert re.fullmatch(r"ocop/certificates/\d{4}/[0-9a-f]{32}\.pdf", name)
    assert (private_root / name).exists()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()


@pytest.mark.parametrize(("who", "shown"), [(None, False), ("own", True)])
def test_the_product_page_links_the_scan_only_for_those_who_may_see_it(
    client, scan_world, who, shown
):
    if who:
        client.force_login(scan_world[who])
    url = reverse("files:ocop-scan", args=[scan_world["certificate"].pk])

    page = client.get(scan_world["product"].get_absolute_url())

    assert page.status_code == 200
    assert (url in page.content.decode()) is shown
    assert scan_world["certificate"].scan.name not in page.content.decode()


def test_a_scan_that_is_html_is_refused(client, settings):
    settings.LANGUAGE_CODE = "en"
    cooperative = cooperative_create()
    client.force_login(staff_create(cooperative=cooperative))

    response = client.post(
        reverse("cooperatives:manage-product-add"),
        _product_post(ocop_scan=upload("scan.pdf", SCRIPT, "application/pdf")),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["form"].errors["ocop_scan"] == [
        "Upload a PDF or an image (JPEG, PNG or WebP)."
    ]


def test_a_good_scan_is_stored_privately(client, private_root):
    cooperative = cooperative_create()
    client.force_login(staff_create(cooperative=cooperative))

    client.post(
        reverse("cooperatives:manage-product-add"),
        _product_post(ocop_scan=upload("scan.pdf", pdf_bytes(), "application/pdf")),
    )

    certificate = ProductListing.objects.get(
        cooperative=cooperative
    ).product.ocop_certificate
    assert (private_root / certificate.scan.name).read_bytes() == pdf_bytes()
    assert certificate.scan.name.endswith(".pdf")
