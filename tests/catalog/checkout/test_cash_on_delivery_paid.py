"""Cash on delivery: a line is paid when its cooperative marks it delivered."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.checkout.cash_on_delivery import cash_on_delivery_line_paid
from catalog.checkout.models import OrderShippingCharge
from catalog.checkout.settlement import settlement_rows
from catalog.cooperatives.services import line_status_set
from catalog.cooperatives.shipments import PAID, PAY_ON_DELIVERY, order_shipments

from .conftest import basket_add, checkout_pay_with, checkout_to_payment

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def cod_order(client, two_cooperatives, address_data):
    na, buoi = two_cooperatives
    basket_add(client, na, 2)
    basket_add(client, buoi, 1)
    checkout_to_payment(client, address_data)
    checkout_pay_with(client, "cod")
    return Order.objects.get()


def _deliver(line):
    for status in ("Confirmed", "Shipped", "Delivered"):
        line_status_set(line=line, status=status)


def test_delivered_line_is_paid_with_its_cooperatives_shipping(cod_order):
    na_line = cod_order.lines.get(partner_name="HTX Đồng Bành")
    # The fixture's partners charge nothing; give this one a charge.
    OrderShippingCharge.objects.update_or_create(
        order=cod_order, partner_id=na_line.partner_id, defaults={"amount": 30000}
    )

    _deliver(na_line)

    source = cod_order.sources.get()
    assert source.amount_debited == 150000  # 2 × 60.000 ₫ + 30.000 ₫ shipping
    event = cod_order.payment_events.get(event_type__name="Paid")
    assert event.amount == 150000
    assert list(event.line_quantities.values_list("line_id", "quantity")) == [
        (na_line.pk, 2)
    ]
    payments = {s.name: s.payment for s in order_shipments(order=cod_order)}
    assert payments == {"HTX Đồng Bành": PAID, "HTX Quới Sơn": PAY_ON_DELIVERY}


def test_a_line_is_paid_once(cod_order):
    na_line = cod_order.lines.get(partner_name="HTX Đồng Bành")
    _deliver(na_line)

    assert cash_on_delivery_line_paid(line=na_line) is None
    assert cod_order.payment_events.filter(event_type__name="Paid").count() == 1
    assert cod_order.sources.get().amount_debited == 120000


def test_settlement_counts_cash_collected_on_delivery(cod_order):
    na_line = cod_order.lines.get(partner_name="HTX Đồng Bành")
    _deliver(na_line)
    today = timezone.localdate()

    rows = settlement_rows(date_from=today - datetime.timedelta(days=1), date_to=today)

    assert [(r.partner_name, r.lines, r.gross) for r in rows] == [
        ("HTX Đồng Bành", 1, 120000)
    ]


def test_shipped_but_not_delivered_is_not_paid(cod_order):
    buoi_line = cod_order.lines.get(partner_name="HTX Quới Sơn")
    line_status_set(line=buoi_line, status="Confirmed")
    line_status_set(line=buoi_line, status="Shipped")

    assert not cod_order.payment_events.exists()
    assert cod_order.sources.get().amount_debited == 0
