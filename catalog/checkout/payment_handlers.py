"""What each payment method does, registered with the payment-method registry.

How an order is placed (cash on delivery and bank transfer at once, card by
sending the buyer to Stripe's form), what the thank-you page shows (the
VietQR code of a bank transfer) and how a payment is refunded (a card, on
Stripe). The checkout app imports this module when it is ready; the
methods themselves are declared in ``payment_methods``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.payment.exceptions import RedirectRequired, UnableToTakePayment
from oscar.core.loading import get_model

from marketplace.payments import stripe_gateway as gateway
from marketplace.payments import vietqr

from . import services
from .payment_methods import (
    BANK_TRANSFER,
    CARD,
    CASH_ON_DELIVERY,
    PaymentMethod,
    payment_placer_register,
    payment_refunder_register,
    payment_thank_you_register,
)
from .session import PAYMENT_NS

Source = get_model("payment", "Source")


@payment_placer_register(CASH_ON_DELIVERY, BANK_TRANSFER)
def payment_owed_record(
    *, method: PaymentMethod, checkout: Any, order_number: str, total: Any
) -> None:
    """Place the order at once, with the whole total still owed.

    Nothing is taken now: the courier collects, or staff mark the transfer
    received.
    """
    checkout.add_payment_source(
        Source(
            source_type=method.source_type(),
            currency=total.currency,
            amount_allocated=total.incl_tax,
            reference=order_number,
        )
    )


@payment_placer_register(CARD)
def card_payment_start(
    *, method: PaymentMethod, checkout: Any, order_number: str, total: Any
) -> None:
    """Freeze the basket, create its PaymentIntent, send the buyer to pay.

    The order is placed when Stripe says the payment succeeded
    (``services.card_checkout_complete``).
    """
    basket = checkout.request.basket
    session = checkout.checkout_session
    try:
        card_checkout = services.card_checkout_start(
            basket=basket,
            user=checkout.request.user,
            order_number=order_number,
            order_total=total,
            guest_email=session.get_guest_email(),
            shipping_address=checkout.get_shipping_address(basket),
            shipping_method_code=session.shipping_method_code(basket),
        )
    except gateway.GatewayError as error:
        raise UnableToTakePayment(
            _("Card payment is not available right now. (%(error)s)") % {"error": error}
        ) from error
    session._set(PAYMENT_NS, "intent", card_checkout.payment_intent_id)
    raise RedirectRequired(reverse("checkout:card-pay"))


@payment_thank_you_register(BANK_TRANSFER)
def bank_transfer_thank_you(*, order) -> dict[str, Any]:
    """Return the VietQR code that pays ``order`` from a banking app."""
    account = vietqr.alliance_account()
    payload = vietqr.vietqr_payload(
        account=account,
        amount=services.whole_dong(order.total_incl_tax),
        note=order.number,
    )
    return {
        "vietqr": {
            "account": account,
            "note": vietqr.transfer_note(order.number),
            "payload": payload,
            "svg": vietqr.vietqr_svg(payload),
        }
    }


@payment_refunder_register(CARD)
def card_refund(*, source, amount: int, idempotency_key: str) -> str:
    """Refund ``amount`` of the card payment on Stripe; return the refund's id."""
    refund = gateway.refund_create(
        intent_id=source.reference, amount=amount, idempotency_key=idempotency_key
    )
    source.refund(amount, reference=refund.id, status=refund.status)
    return refund.id
