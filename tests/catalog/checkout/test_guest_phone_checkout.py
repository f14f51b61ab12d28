"""A guest checks out with a phone number: no e-mail gateway, COD first."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from .conftest import basket_add

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_checkout_sends_a_guest_straight_to_the_delivery_step(client, two_cooperatives):
    na, _ = two_cooperatives
    basket_add(client, na)

    response = client.get(reverse("checkout:index"))

    assert response.status_code == 302
    assert response.url == reverse("checkout:shipping-address")
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="username"' not in html
    assert 'id="checkout-login"' in html
    assert f"{reverse('customer:login')}?next={reverse('checkout:index')}" in html


def test_delivery_step_chooses_cash_on_delivery_by_default(client, two_cooperatives):
    na, _ = two_cooperatives
    basket_add(client, na)

    page = client.get(reverse("checkout:shipping-address"))

    form = page.context["form"]
    assert form["payment_method"].value() == "cod"
    assert form.fields["guest_email"].required is False
    assert form.fields["phone_number"].required is True
    html = page.content.decode()
    assert re.search(r'id="pm-cod" value="cod"\s+checked>', html)
    assert not re.search(r'id="pm-bank-transfer" value="bank-transfer"\s+checked', html)


def test_guest_places_an_order_with_a_phone_number_only(
    client, two_cooperatives, address_data
):
    na, buoi = two_cooperatives
    basket_add(client, na, 2)
    basket_add(client, buoi, 1)
    client.get(reverse("checkout:index"))

    address = client.post(reverse("checkout:shipping-address"), address_data)
    assert address.status_code == 302
    assert address.url == reverse("checkout:preview")
    preview = client.get(address.url)
    assert preview.status_code == 200
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert placed.status_code == 302
    assert placed.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.user is None
    assert order.guest_email == ""
    assert str(order.shipping_address.phone_number) == "+84912345678"
    assert order.total_incl_tax == 165000
    assert [s.source_type.name for s in order.sources.all()] == ["Cash on delivery"]
    # No e-mail was given: no confirmation to anybody but the cooperatives.
    assert all("khach" not in ",".join(message.to) for message in mail.outbox), [
        m.to for m in mail.outbox
    ]
    assert not [m for m in mail.outbox if m.to == [""]]
    # The thank-you page links to the order's status, which opens.
    assert client.get(placed.url).status_code == 200
    status = client.get(
        reverse(
            "customer:anon-order",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        )
    )
    assert status.status_code == 200


def test_guest_who_gives_an_e_mail_gets_the_confirmation(
    client, two_cooperatives, address_data
):
    na, _ = two_cooperatives
    basket_add(client, na)
    client.post(
        reverse("checkout:shipping-address"),
        {**address_data, "guest_email": "an@example.vn"},
    )

    client.post(reverse("checkout:preview"), {"action": "place_order"})

    order = Order.objects.get()
    assert order.guest_email == "an@example.vn"
    assert [m.to for m in mail.outbox if m.to == ["an@example.vn"]] == [
        ["an@example.vn"]
    ]


def test_invalid_phone_is_refused_with_the_rest_of_the_form_kept(
    client, two_cooperatives, address_data
):
    na, _ = two_cooperatives
    basket_add(client, na)

    response = client.post(
        reverse("checkout:shipping-address"),
        {
            **address_data,
            "phone_number": "12345",
            "guest_email": "an@example.vn",
            "payment_method": "bank-transfer",
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["phone_number"] == [
        "Enter a Vietnamese phone number, e.g. 0912 345 678."
    ]
    html = response.content.decode()
    assert 'value="Nguyễn Văn An"' in html
    assert 'value="12 Phố Huế"' in html
    assert 'value="an@example.vn"' in html
    assert form["payment_method"].value() == "bank-transfer"
    assert 'aria-invalid="true"' in html
    assert 'id="checkout-errors"' in html


def test_invalid_phone_error_is_translated(
    client, two_cooperatives, address_data, settings
):
    na, _ = two_cooperatives
    basket_add(client, na)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

    response = client.post(
        reverse("checkout:shipping-address"),
        {**address_data, "phone_number": "12345"},
    )

    assert response.context["form"].errors["phone_number"] == [
        "Nhập số điện thoại Việt Nam, ví dụ 0912 345 678."
    ]


def test_thank_you_page_names_the_payment_in_the_buyers_language(
    client, two_cooperatives, address_data, settings
):
    na, _ = two_cooperatives
    basket_add(client, na)
    client.post(reverse("checkout:shipping-address"), address_data)
    client.post(reverse("checkout:preview"), {"action": "place_order"})

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

    thanks = client.get(reverse("checkout:thank-you"))

    html = thanks.content.decode()
    assert "Thanh toán khi nhận hàng" in html
    assert "Cash on delivery" not in html
    assert "reference:" not in html
    assert "Allocation of" not in html


def test_buy_now_adds_the_quantity_and_goes_to_checkout(client, two_cooperatives):
    na, _ = two_cooperatives

    response = client.post(
        reverse("basket:add", kwargs={"pk": na.pk}), {"quantity": 3, "buy_now": "1"}
    )

    assert response.status_code == 302
    assert response.url == reverse("checkout:index")
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert [(line.product_id, line.quantity) for line in basket.all_lines()] == [
        (na.pk, 3)
    ]
    assert client.get(response.url).url == reverse("checkout:shipping-address")
    page = client.get(reverse("checkout:shipping-address"))
    # No "added to your basket" or "your basket total is now" notes.
    assert [str(m) for m in page.context["messages"]] == []


def test_add_to_basket_without_buy_now_stays_on_the_page(client, two_cooperatives):
    na, _ = two_cooperatives

    response = client.post(
        reverse("basket:add", kwargs={"pk": na.pk}),
        {"quantity": 1},
        HTTP_REFERER=na.get_absolute_url(),
    )

    assert response.url == na.get_absolute_url()
