"""Listings and registrations wait for a moderator; the cooperative is told."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from catalog.cooperatives.models import Cooperative, ProductListing
from catalog.cooperatives.services import ocop_expiry_warnings_send
from marketplace.core import roles
from tests.factories.catalogue import category_create, tiny_jpeg
from tests.factories.cooperatives import (
    CHI_LANG,
    LANG_SON,
    TAN_PHU,
    certificate_create,
    cooperative_create,
    listed_product_create,
    staff_create,
)

Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    user = get_user_model().objects.create_user(
        username="mod", email="mod@htx.test", password="pw-test-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


def _category_pk() -> str:
    """Return the pk of a public category for the product form (made once)."""
    existing = Category.objects.filter(slug="trai-cay").first()
    return str((existing or category_create()).pk)


def _product_post(**overrides):
    data = {
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
    }
    data.update(overrides)
    return data


def _image(name="na.jpg", content=None):
    return SimpleUploadedFile(name, content or tiny_jpeg(), content_type="image/jpeg")


def test_new_product_waits_for_moderation_then_approval_publishes_it(client, moderator):
    cooperative = cooperative_create(email="htx@htx.test")
    client.force_login(staff_create(cooperative=cooperative))

    client.post(
        reverse("cooperatives:manage-product-add"),
        {**_product_post(), "image": _image()},
    )
    listing = ProductListing.objects.get(cooperative=cooperative)
    product = listing.product

    assert not product.is_public
    assert client.get(product.get_absolute_url()).status_code == 404
    assert product.images.count() == 1
    assert product.ocop_certificate.expires_on == datetime.date(2028, 1, 10)

    client.force_login(moderator)
    client.post(
        reverse("cooperatives:moderation-listing", kwargs={"pk": listing.pk}),
        {"decision": "approve"},
    )
    client.logout()

    assert client.get(product.get_absolute_url()).status_code == 200
    response = client.get(reverse("catalogue:index"), {"stars": 4})
    assert [p.title for p in response.context["products"]] == ["Na dai Chi Lăng"]
    assert mail.outbox[-1].to[0] in {"htx@htx.test"} | {
        u.email for u in cooperative.partner.users.all()
    }


def test_change_to_a_public_product_waits_and_the_approved_version_stays_public(
    client, moderator
):
    cooperative = cooperative_create()
    product = listed_product_create(cooperative=cooperative, title="Na cũ", stars=4)
    client.force_login(staff_create(cooperative=cooperative))
    url = reverse("cooperatives:manage-product", kwargs={"pk": product.pk})

    client.post(
        url,
        _product_post(
            title="Na mới",
            price="70000",
            ocop_number=product.ocop_certificate.number,
            ocop_stars="4",
            ocop_issued_on=product.ocop_certificate.issued_on.isoformat(),
            ocop_expires_on=product.ocop_certificate.expires_on.isoformat(),
            ocop_issuing_body=product.ocop_certificate.issuing_body,
        ),
    )

    product.refresh_from_db()
    assert product.title == "Na cũ"
    assert product.stockrecords.get().price == 60000
    assert product.listing.pending_changes == {
        "title": "Na mới",
        "description": "Na ngon",
        "price": 70000,
    }
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Na cũ" in html and "Na mới" not in html

    client.force_login(moderator)
    client.post(
        reverse("cooperatives:moderation-listing", kwargs={"pk": product.listing.pk}),
        {"decision": "approve"},
    )

    product.refresh_from_db()
    assert product.title == "Na mới"
    assert product.stockrecords.get().price == 70000
    assert product.listing.pending_changes == {}


def test_rejected_change_keeps_the_public_version_and_tells_the_reason(
    client, moderator
):
    cooperative = cooperative_create(email="htx@htx.test")
    product = listed_product_create(cooperative=cooperative, title="Na cũ")
    client.force_login(staff_create(cooperative=cooperative))
    client.post(
        reverse("cooperatives:manage-product", kwargs={"pk": product.pk}),
        _product_post(
            title="Na giả",
            ocop_stars="",
            ocop_number="",
            ocop_issuing_body="",
            ocop_issued_on="",
        ),
    )
    client.force_login(moderator)

    refused = client.post(
        reverse("cooperatives:moderation-listing", kwargs={"pk": product.listing.pk}),
        {"decision": "reject", "reason": ""},
    )
    client.post(
        reverse("cooperatives:moderation-listing", kwargs={"pk": product.listing.pk}),
        {"decision": "reject", "reason": "Tên không đúng"},
    )

    assert refused.status_code == 200
    product.refresh_from_db()
    assert product.title == "Na cũ" and product.is_public
    assert "Tên không đúng" in mail.outbox[-1].body


def test_registration_creates_a_pending_cooperative_and_its_staff_login(
    client, moderator
):
    response = client.post(
        reverse("cooperatives:register"),
        {
            "name": "HTX Hồi Tràng Định",
            "kind": "htx",
            "province_code": str(LANG_SON),
            "ward_code": str(CHI_LANG),
            "sector": "herbal",
            "full_name": "Hoàng Văn B",
            "login_email": "hoi@htx.test",
            "password1": "hoi-tr4ng-dinh-2025",
            "password2": "hoi-tr4ng-dinh-2025",
        },
    )

    assert response.status_code == 200
    cooperative = Cooperative.objects.get(name="HTX Hồi Tràng Định")
    assert cooperative.status == "pending"
    assert cooperative.partner.users.get().email == "hoi@htx.test"
    assert not client.get(reverse("cooperatives:directory")).context["cooperatives"]
    assert not Cooperative.objects.approved().filter(pk=cooperative.pk).exists()

    client.force_login(moderator)
    client.post(
        reverse("cooperatives:moderation-cooperative", kwargs={"pk": cooperative.pk}),
        {"decision": "reject", "reason": "Thiếu mã số thuế"},
    )
    cooperative.refresh_from_db()
    assert cooperative.status == "rejected"
    assert mail.outbox[-1].to == ["hoi@htx.test"]
    assert "Thiếu mã số thuế" in mail.outbox[-1].body


def test_registration_refuses_a_commune_of_another_province_and_keeps_the_input(
    client,
):
    response = client.post(
        reverse("cooperatives:register"),
        {
            "name": "HTX Sai địa chỉ",
            "kind": "htx",
            "province_code": str(LANG_SON),
            "ward_code": str(TAN_PHU),
            "sector": "farming",
            "full_name": "A",
            "login_email": "a@htx.test",
            "password1": "x",
            "password2": "x",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "ward_code" in response.context["form"].errors
    assert 'value="HTX Sai địa chỉ"' in html
    assert not Cooperative.objects.filter(name="HTX Sai địa chỉ").exists()


def _bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"price": "0"}, "price"),
        ({"price": "65000.5"}, "price"),
        ({"price": "-1"}, "price"),
        ({"price": "abc"}, "price"),
        ({"stock": "-3"}, "stock"),
        ({"ocop_stars": "6"}, "ocop_stars"),
        ({"ocop_stars": "2"}, "ocop_stars"),
        ({"ocop_expires_on": "2024-01-01"}, "ocop_expires_on"),
        ({"image": "not-an-image"}, "image"),
        ({"image": "bomb"}, "image"),
        ({"image": "too-large"}, "image"),
        ({"ocop_number": "DUP/QĐ-UBND"}, "ocop_number"),
    ],
)
def test_bad_product_input_gets_an_error_and_keeps_what_was_typed(
    client, settings, overrides, field
):
    settings.PIL_MAX_IMAGE_PIXELS = 40_000_000
    cooperative = cooperative_create()
    other_cert = certificate_create(
        product=listed_product_create(cooperative=cooperative_create(), title="K2"),
        number="DUP/QĐ-UBND",
    )
    assert other_cert.pk
    client.force_login(staff_create(cooperative=cooperative))
    data = _product_post(**overrides)
    if field == "image":
        kind = data.pop("image")
        if kind == "not-an-image":
            data["image"] = _image("x.jpg", b"this is text, not a picture")
        elif kind == "bomb":
            data["image"] = _image("bomb.png", _bomb())
        else:
            settings.MAX_IMAGE_UPLOAD_SIZE = 100
            data["image"] = _image()

    response = client.post(reverse("cooperatives:manage-product-add"), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Na dai Chi Lăng"' in response.content.decode()
    assert not ProductListing.objects.filter(cooperative=cooperative).exists()


def test_expiry_warning_is_sent_once_60_days_before(client):
    today = datetime.date(2026, 11, 23)
    cooperative = cooperative_create(email="htx@htx.test")
    listed_product_create(
        cooperative=cooperative,
        title="Sắp hết hạn",
        stars=4,
        expires_on=today + datetime.timedelta(days=60),
    )
    listed_product_create(
        cooperative=cooperative,
        title="Còn lâu",
        stars=4,
        expires_on=today + datetime.timedelta(days=61),
    )

    first = ocop_expiry_warnings_send(today=today)
    second = ocop_expiry_warnings_send(today=today)

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    assert "Sắp hết hạn" in mail.outbox[0].subject


def test_expiry_warning_command_runs(capsys):
    from django.core.management import call_command

    call_command("ocop_expiry_warnings")

    assert "0" in capsys.readouterr().out


def test_the_review_shows_price_photos_certificate_and_scan(client, moderator):
    cooperative = cooperative_create()
    product = listed_product_create(cooperative=cooperative, title="Na dai", stars=4)
    product.images.create(original=_image("na-1.jpg"), display_order=0)
    certificate = product.ocop_certificate
    certificate.scan = SimpleUploadedFile(
        "scan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
    )
    certificate.save()
    client.force_login(moderator)

    response = client.get(
        reverse("cooperatives:moderation-listing", kwargs={"pk": product.listing.pk}),
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "60.000" in html  # the price buyers will pay
    assert html.count('alt="Na dai, ảnh 1"') == 1  # the photo, as a thumbnail
    assert "/media/cache/" in html
    assert certificate.number in html
    assert reverse("files:ocop-scan", args=[certificate.pk]) in html


def test_a_change_shows_each_field_before_and_after_under_its_label(
    client, moderator, settings
):
    settings.LANGUAGE_CODE = "en"
    cooperative = cooperative_create()
    product = listed_product_create(cooperative=cooperative, title="Na cũ", stars=4)
    certificate = product.ocop_certificate
    client.force_login(staff_create(cooperative=cooperative))
    client.post(
        reverse("cooperatives:manage-product", kwargs={"pk": product.pk}),
        _product_post(
            title="Na mới",
            description=product.description,
            price="70000",
            ocop_number="999/QĐ-UBND",
            ocop_stars="4",
            ocop_issued_on=certificate.issued_on.isoformat(),
            ocop_expires_on=certificate.expires_on.isoformat(),
            ocop_issuing_body=certificate.issuing_body,
        ),
    )
    client.force_login(moderator)

    response = client.get(
        reverse("cooperatives:moderation-listing", kwargs={"pk": product.listing.pk}),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    rows = [(c["label"], c["before"], c["after"]) for c in response.context["changes"]]
    assert [(str(label), before, after) for label, before, after in rows] == [
        ("Name", "Na cũ", "Na mới"),
        ("Price (₫)", 60000, 70000),
        (
            "Certificate or decision number",
            certificate.number,
            "999/QĐ-UBND",
        ),
    ]
    html = response.content.decode()
    assert '<th scope="row">Name</th>' in html
    assert "pending_changes" not in html and ">title<" not in html
