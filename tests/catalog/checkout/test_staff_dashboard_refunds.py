"""Oscar's dashboard order page: card refund buttons; the menu's bank transfers link."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.checkout.payment_events import REFUNDED, payment_event_record
from catalog.checkout.payment_methods import CARD

from .conftest import basket_add, checkout_pay_with, checkout_to_payment

Order = get_model("order", "Order")
SourceType = get_model("payment", "SourceType")

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(client, two_cooperatives, address_data):
    """A guest's order of 2 × 60.000 ₫ + 45.000 ₫ from two cooperatives (cash)."""
    na, buoi = two_cooperatives
    basket_add(client, na, 2)
    basket_add(client, buoi, 1)
    checkout_to_payment(client, address_data)
    checkout_pay_with(client, "cod")
    return Order.objects.get()


def _paid_by_card(order, *, refunded=0):
    """Turn the order's payment source into a card payment (as Stripe leaves it)."""
    card, _ = SourceType.objects.get_or_create(name=CARD.source_type_name)
    order.sources.update(
        source_type=card,
        amount_debited=order.total_incl_tax,
        amount_refunded=Decimal(refunded),
        reference="pi_test",
    )


def _detail(admin_client, order):
    return admin_client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_card_order_has_a_full_refund_and_one_button_per_cooperative(
    admin_client, order
):
    _paid_by_card(order)

    page = _detail(admin_client, order)

    assert page.status_code == 200
    html = page.content.decode()
    action = reverse("checkout:staff-card-refund", kwargs={"number": order.number})
    assert html.count(f'action="{action}"') == 3
    assert 'id="refund-all"' in html
    partners = sorted(order.lines.values_list("partner_id", flat=True))
    for partner_id in partners:
        assert f'name="partner" value="{partner_id}"' in html
    assert html.count("window.confirm(") == 3
    assert "120,000" in html  # Đồng Bành's two units of Na
    assert "45,000" in html  # Quới Sơn's Bưởi


def test_a_cooperative_already_refunded_loses_its_button(admin_client, order):
    _paid_by_card(order)
    quoi_son = order.lines.get(title="Bưởi da xanh").partner
    source = order.sources.get()
    payment_event_record(
        order=order,
        name=REFUNDED,
        amount=45000,
        lines=[order.lines.get(partner=quoi_son)],  # its one Bưởi
    )
    source.amount_refunded = Decimal(45000)
    source.save()

    html = _detail(admin_client, order).content.decode()

    assert f'name="partner" value="{quoi_son.pk}"' not in html
    assert html.count("window.confirm(") == 2


@pytest.mark.parametrize("refunded", [None, 165000])
def test_no_refund_buttons_for_cash_or_a_fully_refunded_card_order(
    admin_client, order, refunded
):
    if refunded is not None:
        _paid_by_card(order, refunded=refunded)

    html = _detail(admin_client, order).content.decode()

    assert 'id="card-refunds"' not in html
    assert (
        reverse("checkout:staff-card-refund", kwargs={"number": order.number})
        not in html
    )


def test_the_dashboard_menu_links_to_the_bank_transfers_page(admin_client):
    page = admin_client.get(reverse("dashboard:index"), HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    assert f'href="{reverse("checkout:staff-bank-transfers")}"' in page.content.decode()
