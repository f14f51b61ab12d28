"""Card checkout: from a frozen basket to exactly one order.

The order is placed by whichever arrives first, the buyer's redirect back
from Stripe or Stripe's ``payment_intent.succeeded`` webhook. Both call
:func:`card_checkout_complete`, which locks the CardCheckout row and asks
Stripe for the PaymentIntent itself; the second caller finds the order
already placed. The basket and the checkout data needed to place the order
were stored when the payment started, so no session is needed.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_class, get_model

from marketplace.payments import stripe_gateway as gateway
from marketplace.payments.models import CardCheckout
from marketplace.payments.webhooks import webhook_handler_register

from .mixins import OrderPlacementMixin
from .payment_events import PAID
from .payment_methods import CARD

logger = logging.getLogger("htx.checkout")

Repository = get_class("shipping.repository", "Repository")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")
Selector = get_class("partner.strategy", "Selector")
ShippingAddress = get_model("order", "ShippingAddress")
Source = get_model("payment", "Source")
User = get_user_model()

#: Fields of an unsaved ShippingAddress kept for placing the order later.
_ADDRESS_FIELDS = [
    "title",
    "first_name",
    "last_name",
    "line1",
    "line2",
    "line3",
    "line4",
    "state",
    "postcode",
    "country_id",
    "notes",
]


class _Placer(OrderPlacementMixin):
    """Oscar's order placement without a request (webhook or redirect)."""


def shipping_address_dump(address) -> dict[str, Any] | None:
    """Return the fields of an unsaved shipping address as plain JSON."""
    if address is None:
        return None
    data = {name: getattr(address, name) for name in _ADDRESS_FIELDS}
    data["phone_number"] = str(address.phone_number or "")
    return data


def whole_dong(amount: Decimal) -> int:
    """Return an amount of VND as an int, refusing fractions of a dong."""
    value = Decimal(amount)
    if value != value.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of dong")
    return int(value)


def card_checkout_start(
    *,
    basket,
    user,
    order_number: str,
    order_total,
    guest_email: str | None,
    shipping_address,
    shipping_method_code: str | None,
) -> CardCheckout:
    """Create a PaymentIntent for the (frozen) basket's total and record it.

    The amount is the order total computed on the server from the basket and
    the shipping charge; nothing the browser sent goes into it.
    """
    amount = whole_dong(order_total.incl_tax)
    intent = gateway.payment_intent_create(
        amount=amount,
        reference=f"order-{order_number}",
        idempotency_key=f"htx-order-{order_number}",
    )
    return CardCheckout.objects.create(
        payment_intent_id=intent.id,
        basket=basket,
        user=user if user and user.is_authenticated else None,
        order_number=order_number,
        amount=amount,
        checkout_data={
            "guest_email": guest_email or "",
            "shipping_address": shipping_address_dump(shipping_address),
            "shipping_method_code": shipping_method_code,
        },
    )


def card_checkout_client_secret(*, checkout: CardCheckout) -> str:
    """Return the PaymentIntent's client secret for Stripe's Payment Element."""
    return gateway.payment_intent_retrieve(
        intent_id=checkout.payment_intent_id
    ).client_secret


def _place(checkout: CardCheckout, intent: gateway.PaymentIntentData):
    basket = checkout.basket
    user = checkout.user
    basket.strategy = Selector().strategy(user=user)
    data = checkout.checkout_data
    address = (
        ShippingAddress(**data["shipping_address"])
        if data.get("shipping_address")
        else None
    )
    methods = Repository().get_shipping_methods(
        basket=basket, user=user, shipping_addr=address, request=None
    )
    method = next(
        (m for m in methods if m.code == data.get("shipping_method_code")), None
    )
    if method is None:
        raise UnableToPlaceOrder("The shipping method is no longer available.")
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    if whole_dong(total.incl_tax) != checkout.amount or intent.amount != (
        checkout.amount
    ):
        raise UnableToPlaceOrder("The basket total no longer matches the payment.")
    placer = _Placer()
    placer.add_payment_source(
        Source(
            source_type=CARD.source_type(),
            currency="VND",
            amount_allocated=checkout.amount,
            amount_debited=checkout.amount,
            reference=checkout.payment_intent_id,
        )
    )
    placer.add_payment_event(PAID, checkout.amount, reference=intent.id)
    order_kwargs = {}
    if user is None:
        order_kwargs["guest_email"] = data.get("guest_email", "")
    order = placer.place_order(
        order_number=checkout.order_number,
        user=user or _anonymous(),
        basket=basket,
        shipping_address=address,
        shipping_method=method,
        shipping_charge=charge,
        order_total=total,
        request=None,
        **order_kwargs,
    )
    basket.submit()
    return order


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _send_placed_email(order) -> None:
    if order.user_id is None and not order.guest_email:
        # A guest who gave only a phone number gets no e-mail.
        return
    dispatcher = OrderDispatcher(logger=logger)
    dispatcher.send_order_placed_email_for_user(
        order, {"user": order.user, "order": order, "lines": order.lines.all()}
    )


def card_checkout_complete(*, intent_id: str):
    """Place the order for a paid PaymentIntent, once; return it (or None).

    Returns None while the payment has not succeeded. If the order cannot be
    placed (the last units went meanwhile), the payment is refunded in full,
    the basket is thawed for the buyer and the checkout is marked failed.
    """
    placed = None
    with transaction.atomic():
        checkout = (
            CardCheckout.objects.select_for_update(of=("self",))
            .select_related("basket", "user", "order")
            .filter(payment_intent_id=intent_id)
            .first()
        )
        if checkout is None:
            return None
        if checkout.order is not None:
            return checkout.order
        if checkout.status != CardCheckout.Status.PENDING:
            return None
        intent = gateway.payment_intent_retrieve(intent_id=intent_id)
        if not intent.succeeded:
            return None
        try:
            with transaction.atomic():
                placed = _place(checkout, intent)
        except UnableToPlaceOrder as error:
            logger.warning("Order %s not placed: %s", checkout.order_number, error)
            gateway.refund_create(
                intent_id=intent_id,
                idempotency_key=f"htx-refund-unplaced-{checkout.order_number}",
            )
            checkout.basket.thaw()
            checkout.status = CardCheckout.Status.FAILED
            checkout.error = str(error)
            checkout.save(update_fields=["status", "error", "updated_at"])
            return None
        checkout.order = placed
        checkout.status = CardCheckout.Status.PLACED
        checkout.save(update_fields=["order", "status", "updated_at"])
    transaction.on_commit(lambda: _send_placed_email(placed))
    return placed


def card_checkout_abandon(*, intent_id: str) -> bool:
    """Give the basket back to the buyer unless the payment went through.

    Cancel the PaymentIntent and thaw the basket; return False (and place the
    order instead) when Stripe says it was paid after all.
    """
    with transaction.atomic():
        checkout = (
            CardCheckout.objects.select_for_update(of=("self",))
            .select_related("basket")
            .filter(payment_intent_id=intent_id, status=CardCheckout.Status.PENDING)
            .first()
        )
        if checkout is None:
            return False
        intent = gateway.payment_intent_retrieve(intent_id=intent_id)
        if intent.status in ("succeeded", "processing"):
            paid = True
        else:
            paid = False
            if intent.status != "canceled":
                gateway.payment_intent_cancel(intent_id=intent_id)
            checkout.basket.thaw()
            checkout.status = CardCheckout.Status.CANCELLED
            checkout.save(update_fields=["status", "updated_at"])
    if paid:
        card_checkout_complete(intent_id=intent_id)
        return False
    return True


@webhook_handler_register("payment_intent.succeeded")
def on_payment_intent_succeeded(event: gateway.WebhookEvent) -> None:
    """Place the order even if the buyer never comes back from Stripe."""
    if event.object_id:
        card_checkout_complete(intent_id=event.object_id)
