"""The ways a buyer can pay, and which of them are open right now."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from marketplace.payments import stripe_gateway

CASH_ON_DELIVERY = "cod"
BANK_TRANSFER = "bank-transfer"
CARD = "card"

#: Oscar payment source type names (SourceType rows are created on first use).
SOURCE_TYPE_NAMES = {
    CASH_ON_DELIVERY: "Cash on delivery",
    BANK_TRANSFER: "Bank transfer (VietQR)",
    CARD: "Card (Stripe)",
}


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    name: str
    description: str
    available: bool = True
    #: Why the method is not offered (shown to staff only).
    unavailable_reason: str = ""


def payment_methods() -> list[PaymentMethod]:
    """Return every method, each marked available or not, with the reason."""
    card_ready = stripe_gateway.is_configured()
    return [
        PaymentMethod(
            CASH_ON_DELIVERY,
            _("Cash on delivery"),
            _("Pay each cooperative's courier when your goods arrive."),
        ),
        PaymentMethod(
            BANK_TRANSFER,
            _("Bank transfer (VietQR)"),
            _(
                "Scan the VietQR code shown with your order in your banking app; "
                "the order number is the transfer note."
            ),
        ),
        PaymentMethod(
            CARD,
            _("Card (Stripe)"),
            _("Pay by card on Stripe's secure form; we never see your card."),
            available=card_ready,
            unavailable_reason=""
            if card_ready
            else _(
                "Card payment is hidden: STRIPE_SECRET_KEY and "
                "STRIPE_PUBLISHABLE_KEY are not set."
            ),
        ),
    ]


def payment_source_label(source_type_name: str) -> str:
    """Return the buyer's name for a stored payment source type.

    Source types are rows named in English once, when first used; the pages
    show the method's translated name instead (or the stored name for a type
    that is not one of ours).
    """
    for method in payment_methods():
        if SOURCE_TYPE_NAMES.get(method.code) == source_type_name:
            return str(method.name)
    return source_type_name


def payment_method_get(code: str | None) -> PaymentMethod | None:
    """Return the available method with this code, or None."""
    for method in payment_methods():
        if method.code == code and method.available:
            return method
    return None
