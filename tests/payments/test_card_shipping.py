"""Card orders carry each cooperative's shipping; refunds and settlement too."""
# ruff: noqa: F811  (pytest fixtures imported from other conftests)

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from oscar.core.loading import get_model

from catalog.checkout.models import OrderShippingCharge
from catalog.checkout.refunds import order_card_refund
from catalog.checkout.settlement import settlement_rows, settlement_xlsx
from marketplace.payments.models import CardCheckout
from tests.catalog.checkout.conftest import (  # noqa: F401  (fixtures)
    address_data,
    basket_add,
    checkout_pay_with,
    checkout_to_payment,
)
from tests.catalog.shipping.conftest import shipping_cooperatives  # noqa: F401

from .conftest import card_pay

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(client, stripe_settings, shipping_cooperatives, address_data):
    """Na (300.000 ₫ + 30.000 ₫ shipping) and bưởi (45.000 ₫ + 25.000 ₫), paid."""
    dong_banh, quoi_son, na, buoi = shipping_cooperatives
    basket_add(client, na, 1)
    basket_add(client, buoi, 1)
    checkout_to_payment(client, address_data)
    assert checkout_pay_with(client, "card").status_code == 302
    checkout = CardCheckout.objects.get()
    assert checkout.amount == 400000
    card_pay(stripe_settings.STRIPE_API_BASE, checkout.payment_intent_id)
    client.get(reverse("checkout:card-return"))
    return Order.objects.get()


def test_a_card_order_records_each_cooperatives_shipping(paid_order):
    assert (paid_order.shipping_incl_tax, paid_order.total_incl_tax) == (
        55000,
        400000,
    )
    assert sorted(
        OrderShippingCharge.objects.filter(order=paid_order).values_list(
            "partner__name", "amount"
        )
    ) == [("HTX Quới Sơn", 25000), ("HTX Đồng Bành", 30000)]


def test_a_cooperatives_refund_includes_its_shipping(paid_order):
    quoi_son = paid_order.lines.get(partner_name="HTX Quới Sơn").partner

    assert order_card_refund(order=paid_order, partner=quoi_son) == 45000 + 25000
    assert order_card_refund(order=paid_order) == 400000 - 70000
    assert paid_order.sources.get().amount_refunded == 400000


def test_settlement_owes_each_cooperative_its_shipping_without_commission(
    paid_order,
):
    today = paid_order.date_placed.astimezone().date()
    period = {"date_from": today, "date_to": today}

    rows = settlement_rows(**period, commission_rate=Decimal("0.05"))

    assert [
        (r.partner_name, r.lines, r.gross, r.shipping, r.commission, r.net)
        for r in rows
    ] == [
        ("HTX Quới Sơn", 1, 45000, 25000, 2250, 67750),
        ("HTX Đồng Bành", 1, 300000, 30000, 15000, 315000),
    ]
    quoi_son = paid_order.lines.get(partner_name="HTX Quới Sơn").partner
    order_card_refund(order=paid_order, partner=quoi_son)
    after = settlement_rows(**period, commission_rate=Decimal("0.05"))
    assert [(r.partner_name, r.shipping, r.net) for r in after] == [
        ("HTX Đồng Bành", 30000, 315000)
    ]
    next_week = today + datetime.timedelta(days=7)
    assert settlement_rows(date_from=next_week, date_to=next_week) == []
    sheet = load_workbook(io.BytesIO(settlement_xlsx(rows=after, **period))).active
    assert [c.value for c in sheet[3]] == [
        "HTX Đồng Bành",
        1,
        300000,
        30000,
        15000,
        315000,
    ]
