"""A voucher that can no longer be used leaves the basket instead of blocking it."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model
from oscar.test.factories import create_voucher

from tests.catalog.checkout.conftest import (
    basket_add,
    checkout_pay_with,
    checkout_to_payment,
)
from tests.factories.cooperatives import cooperative_create, listed_product_create

Order = get_model("order", "Order")
Voucher = get_model("voucher", "Voucher")

pytestmark = pytest.mark.django_db


def vi(message: str, **values) -> str:
    """Return ``message`` as a Vietnamese buyer reads it."""
    with translation.override("vi"):
        text = translation.gettext(message)
        return text % {k: translation.gettext(v) for k, v in values.items()}


@pytest.fixture
def product(db):
    cooperative = cooperative_create(name="HTX Đồng Bành", slug="dong-banh")
    return listed_product_create(cooperative=cooperative, price=60000, stock=10)


@pytest.fixture
def single_use():
    return create_voucher(code="GIAM20", usage=Voucher.SINGLE_USE)


def voucher_apply(client, code):
    response = client.post(reverse("basket:vouchers-add"), {"code": code})
    assert response.status_code == 302


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_voucher_used_up_by_another_buyer_is_removed_and_the_order_placed(
    product, single_use, address_data
):
    first, second = Client(), Client()
    basket_add(first, product, 1)
    voucher_apply(first, "GIAM20")
    checkout_to_payment(first, address_data, email="an@example.vn")
    basket_add(second, product, 1)
    voucher_apply(second, "GIAM20")
    checkout_to_payment(second, address_data, email="binh@example.vn")
    assert checkout_pay_with(second, "cod").url == reverse("checkout:thank-you")

    preview = first.post(reverse("checkout:preview"), {"payment_method": "cod"})
    placed = first.post(reverse("checkout:preview"), {"action": "place_order"})

    assert vi(
        "Voucher %(code)s was removed from your basket (%(reason)s).",
        code="GIAM20",
        reason="This voucher has already been used",
    ) in messages_of(preview)
    assert placed.status_code == 302
    assert placed.url == reverse("checkout:thank-you")
    orders = Order.objects.order_by("pk")
    assert [o.guest_email for o in orders] == ["binh@example.vn", "an@example.vn"]
    assert [o.total_incl_tax for o in orders] == [
        orders[0].total_incl_tax,
        orders[0].total_incl_tax + 12000,
    ]
    assert list(orders[1].discounts.all()) == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param(
            {"end_datetime": timezone.now() - datetime.timedelta(hours=1)},
            "it has expired",
            id="expired",
        ),
        pytest.param(
            {"start_datetime": timezone.now() + datetime.timedelta(days=1)},
            "it is not active at the moment",
            id="not-started",
        ),
    ],
)
def test_a_voucher_no_longer_active_is_removed_from_the_basket_page(
    client, product, single_use, change, reason
):
    basket_add(client, product, 1)
    voucher_apply(client, "GIAM20")
    Voucher.objects.filter(pk=single_use.pk).update(**change)

    response = client.get(reverse("basket:summary"))

    assert vi(
        "Voucher %(code)s was removed from your basket (%(reason)s).",
        code="GIAM20",
        reason=reason,
    ) in messages_of(response)
    assert list(response.context["basket"].vouchers.all()) == []
    again = client.get(reverse("basket:summary"))
    assert messages_of(again) == []


def test_a_usable_voucher_stays_and_discounts(client, product, single_use):
    basket_add(client, product, 1)
    voucher_apply(client, "GIAM20")

    response = client.get(reverse("basket:summary"))

    basket = response.context["basket"]
    assert [v.code for v in basket.vouchers.all()] == ["GIAM20"]
    assert basket.total_incl_tax == 48000
