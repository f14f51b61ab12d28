"""Card checkout against localstripe: one order per payment, whatever arrives first."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from marketplace.payments.models import CardCheckout, StripeEvent
from tests.catalog.checkout.conftest import (  # noqa: F401  (fixtures)
    address_data,
    basket_add,
    checkout_pay_with,
    checkout_to_payment,
    two_cooperatives,
)

from .conftest import card_pay, event_payload, sign

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

WEBHOOK = "/shop/payments/stripe/webhook/"


@pytest.fixture
def card_checkout(client, stripe_settings, two_cooperatives, address_data):  # noqa: F811
    """A guest with products of two cooperatives who chose card and was sent to pay."""
    na, buoi = two_cooperatives
    basket_add(client, na, 2)
    basket_add(client, buoi, 1)
    checkout_to_payment(client, address_data)
    response = checkout_pay_with(client, "card")
    assert response.status_code == 302
    assert response.url == reverse("checkout:card-pay")
    return CardCheckout.objects.get()


def _webhook(client, intent_id, event_id):
    payload = event_payload(
        event_id=event_id,
        event_type="payment_intent.succeeded",
        obj={"id": intent_id, "object": "payment_intent"},
    )
    return client.post(
        WEBHOOK,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload),
    )


def test_the_amount_is_the_server_side_total_in_whole_dong(card_checkout, client):
    assert card_checkout.amount == 165000
    assert card_checkout.basket.status == "Frozen"
    page = client.get(reverse("checkout:card-pay"))
    assert page.status_code == 200
    assert page.context["client_secret"].startswith(card_checkout.payment_intent_id)
    assert b"165.000" in page.content


def test_redirect_then_replayed_webhook_place_exactly_one_order(
    card_checkout, client, localstripe_url
):
    card_pay(localstripe_url, card_checkout.payment_intent_id)

    back = client.get(
        reverse("checkout:card-return"),
        {"payment_intent": card_checkout.payment_intent_id},
    )
    first = _webhook(client, card_checkout.payment_intent_id, "evt_pay_1")
    replay = _webhook(client, card_checkout.payment_intent_id, "evt_pay_1")
    again = _webhook(client, card_checkout.payment_intent_id, "evt_pay_2")

    assert back.status_code == 302 and back.url == reverse("checkout:thank-you")
    assert (first.status_code, replay.status_code, again.status_code) == (200,) * 3
    order = Order.objects.get()
    assert order.number == card_checkout.order_number
    assert order.total_incl_tax == 165000
    assert order.guest_email == "khach@example.vn"
    source = order.sources.get()
    assert (source.source_type.name, source.amount_debited) == ("Card (Stripe)", 165000)
    assert source.reference == card_checkout.payment_intent_id
    assert Basket.objects.get(pk=card_checkout.basket_id).status == "Submitted"
    assert StripeEvent.objects.count() == 2
    assert client.get(reverse("checkout:thank-you")).status_code == 200


def test_webhook_alone_places_the_order_when_the_buyer_closed_the_tab(
    card_checkout, client, localstripe_url
):
    card_pay(localstripe_url, card_checkout.payment_intent_id)

    response = _webhook(client, card_checkout.payment_intent_id, "evt_pay_3")

    assert response.status_code == 200
    order = Order.objects.get()
    assert order.lines.count() == 2
    card_checkout.refresh_from_db()
    assert (card_checkout.status, card_checkout.order) == ("placed", order)
    # The buyer comes back later: the order is there, not placed again.
    back = client.get(reverse("checkout:card-return"))
    assert back.url == reverse("checkout:thank-you")
    assert Order.objects.count() == 1


def test_a_webhook_before_payment_places_nothing(card_checkout, client):
    response = _webhook(client, card_checkout.payment_intent_id, "evt_early")
    assert response.status_code == 200
    assert Order.objects.count() == 0


def test_a_declined_card_places_no_order_and_gives_the_basket_back(
    card_checkout, client, localstripe_url
):
    answer = card_pay(
        localstripe_url, card_checkout.payment_intent_id, "pm_card_chargeCustomerFail"
    )
    assert answer["error"]["code"] == "card_declined"

    back = client.get(reverse("checkout:card-return"))

    assert back.url == reverse("checkout:payment-details")
    assert Order.objects.count() == 0
    basket = Basket.objects.get(pk=card_checkout.basket_id)
    assert basket.status == "Open"
    assert sorted(basket.lines.values_list("quantity", flat=True)) == [1, 2]
    card_checkout.refresh_from_db()
    assert card_checkout.status == "cancelled"
    summary = client.get(reverse("basket:summary"))
    assert summary.context["basket"].id == basket.id


def test_cancelling_gives_the_basket_back(card_checkout, client):
    response = client.post(reverse("checkout:card-cancel"))

    assert response.url == reverse("checkout:payment-details")
    assert Basket.objects.get(pk=card_checkout.basket_id).status == "Open"
    assert Order.objects.count() == 0


def test_card_is_offered_when_keys_are_set(
    client,
    stripe_settings,
    two_cooperatives,  # noqa: F811
    address_data,  # noqa: F811
):
    basket_add(client, two_cooperatives[0], 1)
    checkout_to_payment(client, address_data)
    page = client.get(reverse("checkout:payment-details")).content.decode()
    assert 'value="card"' in page


def _paid_order(card_checkout, client, localstripe_url):
    card_pay(localstripe_url, card_checkout.payment_intent_id)
    client.get(reverse("checkout:card-return"))
    return Order.objects.get()


def test_refund_of_one_cooperatives_lines(card_checkout, client, localstripe_url):
    from catalog.checkout.refunds import order_card_refund
    from marketplace.payments import stripe_gateway

    order = _paid_order(card_checkout, client, localstripe_url)
    quoi_son = order.lines.get(partner_name="HTX Quới Sơn").partner

    refunded = order_card_refund(order=order, partner=quoi_son)

    assert refunded == 45000
    source = order.sources.get()
    assert (source.amount_debited, source.amount_refunded) == (165000, 45000)
    event = order.payment_events.get(event_type__name="Refunded")
    assert [q.line.partner_name for q in event.line_quantities.all()] == [
        "HTX Quới Sơn"
    ]
    assert stripe_gateway.payment_intent_retrieve(
        intent_id=card_checkout.payment_intent_id
    ).succeeded


def test_refunding_the_same_cooperative_twice_refunds_once(
    card_checkout, client, localstripe_url
):
    from catalog.checkout.refunds import RefundError, order_card_refund

    order = _paid_order(card_checkout, client, localstripe_url)
    dong_banh = order.lines.get(partner_name="HTX Đồng Bành").partner
    assert order_card_refund(order=order, partner=dong_banh) == 120000

    with translation.override("en"), pytest.raises(RefundError, match="nothing left"):
        order_card_refund(order=order, partner=dong_banh)


def test_full_refund_returns_what_is_left(card_checkout, client, localstripe_url):
    from catalog.checkout.refunds import order_card_refund

    order = _paid_order(card_checkout, client, localstripe_url)
    quoi_son = order.lines.get(partner_name="HTX Quới Sơn").partner
    order_card_refund(order=order, partner=quoi_son)

    assert order_card_refund(order=order) == 120000
    assert order.sources.get().amount_refunded == 165000


def test_settlement_owes_each_cooperative_its_paid_lines_less_commission(
    card_checkout, client, localstripe_url
):
    import datetime
    import io
    from decimal import Decimal

    from openpyxl import load_workbook

    from catalog.checkout.refunds import order_card_refund
    from catalog.checkout.settlement import settlement_rows, settlement_xlsx

    order = _paid_order(card_checkout, client, localstripe_url)
    today = order.date_placed.astimezone().date()
    period = {"date_from": today, "date_to": today}

    rows = settlement_rows(**period, commission_rate=Decimal("0.05"))

    assert [(r.partner_name, r.gross, r.commission, r.net) for r in rows] == [
        ("HTX Quới Sơn", 45000, 2250, 42750),
        ("HTX Đồng Bành", 120000, 6000, 114000),
    ]
    quoi_son = order.lines.get(partner_name="HTX Quới Sơn").partner
    order_card_refund(order=order, partner=quoi_son)
    after = settlement_rows(**period, commission_rate=Decimal("0.05"))
    assert [r.partner_name for r in after] == ["HTX Đồng Bành"]
    assert (
        settlement_rows(
            date_from=today + datetime.timedelta(days=1),
            date_to=today + datetime.timedelta(days=2),
        )
        == []
    )
    sheet = load_workbook(io.BytesIO(settlement_xlsx(rows=after, **period))).active
    assert [c.value for c in sheet[3]] == ["HTX Đồng Bành", 1, 120000, 0, 6000, 114000]
