"""Cash on delivery and bank transfer place the order at once."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.core import vn_units

from .conftest import basket_add, checkout_pay_with, checkout_to_payment

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_guest_pays_cash_on_delivery_for_two_cooperatives(
    client, two_cooperatives, address_data
):
    na, buoi = two_cooperatives
    basket_add(client, na, 2)
    basket_add(client, buoi, 1)
    checkout_to_payment(client, address_data)

    response = checkout_pay_with(client, "cod")

    assert response.status_code == 302, response.context.get("error")
    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.guest_email == "khach@example.vn"
    assert order.total_incl_tax == 165000
    assert sorted(order.lines.values_list("partner_name", flat=True)) == [
        "HTX Quới Sơn",
        "HTX Đồng Bành",
    ]
    assert [s.source_type.name for s in order.sources.all()] == ["Cash on delivery"]
    address = order.shipping_address
    assert address.first_name == "Nguyễn Văn An"
    assert str(address.phone_number) == "+84912345678"
    assert (address.line1, address.line4) == ("12 Phố Huế", "Thành phố Hà Nội")
    assert address.line2 == vn_units.ward_name(int(address_data["ward"]))
    assert len(mail.outbox) == 1
    thanks = client.get(reverse("checkout:thank-you"))
    assert thanks.status_code == 200
    assert b'id="vietqr"' not in thanks.content


def test_bank_transfer_shows_the_vietqr_code_with_the_order_number(
    client, two_cooperatives, address_data, settings
):
    settings.VIETQR_BANK_BIN = "970436"
    settings.VIETQR_ACCOUNT_NUMBER = "0011001234567"
    na, _ = two_cooperatives
    basket_add(client, na, 1)
    checkout_to_payment(client, address_data)

    checkout_pay_with(client, "bank-transfer")

    order = Order.objects.get()
    thanks = client.get(reverse("checkout:thank-you"))
    html = thanks.content.decode()
    assert 'id="vietqr"' in html
    assert "<svg" in html
    payload = thanks.context["vietqr"]["payload"]
    assert "0010A000000727" in payload
    assert (
        f"62{len(order.number) + 4:02d}08{len(order.number):02d}{order.number}6304"
        in (payload)
    )
    assert "540560000" in payload


def test_card_is_not_offered_without_keys_and_staff_are_told_why(
    client, two_cooperatives, address_data, settings, django_user_model
):
    settings.STRIPE_SECRET_KEY = ""
    na, _ = two_cooperatives
    basket_add(client, na, 1)
    checkout_to_payment(client, address_data)

    page = client.get(reverse("checkout:payment-details")).content.decode()

    assert 'value="cod"' in page and 'value="bank-transfer"' in page
    assert 'value="card"' not in page
    assert "STRIPE_SECRET_KEY" not in page


def test_no_method_chosen_keeps_the_buyer_on_the_page(
    client, two_cooperatives, address_data
):
    na, _ = two_cooperatives
    basket_add(client, na, 1)
    checkout_to_payment(client, address_data)

    response = client.post(reverse("checkout:preview"), {})

    assert response.status_code == 200
    assert "payment_method" in response.context["payment_method_form"].errors
    assert Order.objects.count() == 0
