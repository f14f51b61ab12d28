"""The address book takes the same Vietnamese address as checkout."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from marketplace.core import vn_units
from tests.catalog.checkout import conftest as checkout
from tests.catalog.checkout.conftest import basket_add, checkout_pay_with
from tests.factories.catalogue import product_create

UserAddress = get_model("address", "UserAddress")
Order = get_model("order", "Order")
address_data = checkout.address_data  # a Hà Nội commune, phone 0912 345 678

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client):
    user = get_user_model().objects.create_user(
        username="khach", email="khach@example.vn", password="mat-khau-dai-2024"
    )
    client.force_login(user)
    return user


def test_valid_vietnamese_address_is_saved_in_the_address_book(
    client, buyer, address_data
):
    response = client.post(reverse("customer:address-create"), address_data)

    assert response.status_code == 302, response.context["form"].errors
    address = UserAddress.objects.get(user=buyer)
    assert address.first_name == address_data["first_name"]
    assert str(address.phone_number) == "+84912345678"
    assert address.line1 == address_data["line1"]
    assert address.line2 == vn_units.ward_name(int(address_data["ward"]))
    assert address.line4 == vn_units.province_name(int(address_data["province"]))
    assert address.country.iso_3166_1_a2 == "VN"


def test_address_form_offers_the_province_and_commune_lists(client, buyer):
    response = client.get(reverse("customer:address-create"))

    form = response.context["form"]
    assert list(form.fields)[:4] == ["first_name", "phone_number", "province", "ward"]
    assert "country" not in form.fields
    assert b"data-province-select" in response.content
    assert reverse("checkout:ward-options").encode() in response.content


def test_commune_of_another_province_and_foreign_phone_are_refused_in_vietnamese(
    client, buyer, address_data
):
    other_province = vn_units.province_choices()[1][0]
    foreign_ward = vn_units.ward_choices(province_code=other_province)[0][0]
    data = {
        **address_data,
        "ward": str(foreign_ward),
        "phone_number": "+1 202 555 0143",
    }

    response = client.post(reverse("customer:address-create"), data)

    assert response.status_code == 200
    assert not UserAddress.objects.exists()
    errors = response.context["form"].errors
    with translation.override("vi"):
        ward_error = gettext("Choose a commune or ward of this province.")
        phone_error = gettext("Enter a Vietnamese phone number, e.g. 0912 345 678.")
    assert ward_error != "Choose a commune or ward of this province."
    assert (errors["ward"], errors["phone_number"]) == ([ward_error], [phone_error])
    html = response.content.decode()
    assert ward_error in html and phone_error in html
    # What was typed stays in the form.
    assert 'value="+1 202 555 0143"' in html
    assert f'value="{address_data["line1"]}"' in html
    assert f'<option value="{address_data["province"]}" selected>' in html


def test_saved_address_is_offered_and_used_at_checkout(client, buyer, address_data):
    client.post(reverse("customer:address-create"), address_data)
    saved = UserAddress.objects.get(user=buyer)
    basket_add(client, product_create(title="Na Chi Lăng", price=60000))

    page = client.get(reverse("checkout:shipping-address"))

    assert list(page.context["addresses"]) == [saved]
    response = client.post(
        reverse("checkout:shipping-address"),
        {"action": "ship_to", "address_id": saved.pk},
    )
    assert response.url == reverse("checkout:shipping-method")
    client.get(reverse("checkout:shipping-method"))
    placed = checkout_pay_with(client, "cod")

    assert placed.url == reverse("checkout:thank-you")
    shipped_to = Order.objects.get(user=buyer).shipping_address
    assert (shipped_to.first_name, shipped_to.line2, shipped_to.line4) == (
        saved.first_name,
        saved.line2,
        saved.line4,
    )
    assert shipped_to.phone_number == saved.phone_number
