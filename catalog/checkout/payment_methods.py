"""The payment-method registry: every way a buyer can pay, declared once.

Each :class:`PaymentMethod` at the bottom of this module holds what the shop
asks about a way to pay: the code kept in the checkout session, the name and
description the buyer reads, the Oscar source type its payments are stored
under, whether it is offered now (and, for staff, why not), when its lines
count as paid (read by cash on delivery, the buyer's shipments and the
settlement) and the partial the thank-you page adds. Checkout, shipments,
settlement and refunds ask the registry; none of them compares codes.

What a method does is registered by the module that does it, the way the
checkout registers its webhook handlers with ``marketplace.payments.webhooks``:
how an order is placed (at once, or by sending the buyer to a payment page),
what the thank-you page shows, and how a payment is refunded (a method with
no refunder is not refundable). ``payment_handlers`` registers them when the
checkout app is ready, so this module imports none of the modules that work
with payments, and all of them may import it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.payments import stripe_gateway

SourceType = get_model("payment", "SourceType")


class PaidWhen(enum.Enum):
    """When an order's lines count as paid (get a "Paid" payment event)."""

    #: The money is taken before the order is placed (card).
    PLACING = "placing"
    #: When staff record the money as received (bank transfer).
    RECEIPT = "receipt"
    #: Line by line, when the cooperative's courier delivers and collects.
    DELIVERY = "delivery"


class Placer(Protocol):
    """Take or record the payment of an order the checkout is placing.

    ``checkout`` is the checkout view (Oscar's ``OrderPlacementMixin``). A
    placer that sends the buyer to a payment page raises Oscar's
    ``RedirectRequired``; one that cannot take the payment raises
    ``UnableToTakePayment``.
    """

    def __call__(
        self, *, method: PaymentMethod, checkout: Any, order_number: str, total: Any
    ) -> None: ...


class ThankYou(Protocol):
    """Return the context the method's thank-you partial needs for ``order``."""

    def __call__(self, *, order: Any) -> dict[str, Any]: ...


class Refunder(Protocol):
    """Give ``amount`` of ``source`` back and record it; return its reference."""

    def __call__(self, *, source: Any, amount: int, idempotency_key: str) -> str: ...


_PLACERS: dict[str, Placer] = {}
_THANK_YOUS: dict[str, ThankYou] = {}
_REFUNDERS: dict[str, Refunder] = {}


def _offered() -> bool:
    return True


@dataclass(frozen=True)
class PaymentMethod:
    """One way to pay, with everything the shop asks about it."""

    #: Kept in the checkout session and posted by the form; never changes.
    code: str
    name: str | Promise
    description: str | Promise
    #: The Oscar SourceType its payments are stored under (a row named in
    #: English once, when first used; pages show ``name`` instead).
    source_type_name: str
    paid_when: PaidWhen
    #: The partial the thank-you page includes for an order paid this way.
    thank_you_template: str = ""
    #: Whether buyers are offered the method now (asked on each request).
    offered: Callable[[], bool] = _offered
    #: Why it is not offered, shown to staff on the checkout page.
    not_offered_reason: str | Promise = ""

    @property
    def available(self) -> bool:
        return self.offered()

    @property
    def unavailable_reason(self) -> str | Promise:
        return "" if self.available else self.not_offered_reason

    @property
    def refundable(self) -> bool:
        """Whether staff can refund a payment made this way."""
        return self.code in _REFUNDERS

    def source_type(self):
        """Return the method's Oscar SourceType, created on first use."""
        source_type, _created = SourceType.objects.get_or_create(
            name=self.source_type_name
        )
        return source_type

    def place(self, *, checkout: Any, order_number: str, total: Any) -> None:
        """Take or record the payment of the order ``checkout`` is placing."""
        _handler(_PLACERS, self, "placer")(
            method=self, checkout=checkout, order_number=order_number, total=total
        )

    def thank_you_context(self, *, order) -> dict[str, Any]:
        """Return what the method's thank-you partial shows for ``order``."""
        thank_you = _THANK_YOUS.get(self.code)
        return thank_you(order=order) if thank_you is not None else {}

    def refund(self, *, source, amount: int, idempotency_key: str) -> str:
        """Give ``amount`` of ``source`` back; return the refund's reference."""
        return _handler(_REFUNDERS, self, "refunder")(
            source=source, amount=amount, idempotency_key=idempotency_key
        )


def _handler(handlers: dict[str, Any], method: PaymentMethod, kind: str):
    try:
        return handlers[method.code]
    except KeyError:
        raise ImproperlyConfigured(
            f"No {kind} is registered for the payment method {method.code!r}."
        ) from None


def _register(handlers: dict[str, Any], methods: tuple[PaymentMethod, ...], kind):
    def decorate(func):
        for method in methods:
            if handlers.setdefault(method.code, func) is not func:
                raise ImproperlyConfigured(
                    f"The payment method {method.code!r} has a {kind} already."
                )
        return func

    return decorate


def payment_placer_register(*methods: PaymentMethod) -> Callable[[Placer], Placer]:
    """Register the decorated function as how ``methods`` place an order."""
    return _register(_PLACERS, methods, "placer")


def payment_thank_you_register(
    *methods: PaymentMethod,
) -> Callable[[ThankYou], ThankYou]:
    """Register the decorated function as the context of their thank-you partial."""
    return _register(_THANK_YOUS, methods, "thank-you context")


def payment_refunder_register(
    *methods: PaymentMethod,
) -> Callable[[Refunder], Refunder]:
    """Register the decorated function as how ``methods`` are refunded."""
    return _register(_REFUNDERS, methods, "refunder")


CASH_ON_DELIVERY = PaymentMethod(
    code="cod",
    name=_("Cash on delivery"),
    description=_("Pay each cooperative's courier when your goods arrive."),
    source_type_name="Cash on delivery",
    paid_when=PaidWhen.DELIVERY,
)
BANK_TRANSFER = PaymentMethod(
    code="bank-transfer",
    name=_("Bank transfer (VietQR)"),
    description=_(
        "Scan the VietQR code shown with your order in your banking app; "
        "the order number is the transfer note."
    ),
    source_type_name="Bank transfer (VietQR)",
    paid_when=PaidWhen.RECEIPT,
    thank_you_template="oscar/checkout/partials/thank_you_bank_transfer.html",
)
CARD = PaymentMethod(
    code="card",
    name=_("Card (Stripe)"),
    description=_("Pay by card on Stripe's secure form; we never see your card."),
    source_type_name="Card (Stripe)",
    paid_when=PaidWhen.PLACING,
    offered=stripe_gateway.is_configured,
    not_offered_reason=_(
        "Card payment is hidden: STRIPE_SECRET_KEY and "
        "STRIPE_PUBLISHABLE_KEY are not set."
    ),
)

#: In the order buyers see them.
_METHODS = {method.code: method for method in (CASH_ON_DELIVERY, BANK_TRANSFER, CARD)}
#: Cash on delivery is how most Vietnamese buyers pay: chosen already.
DEFAULT_PAYMENT_METHOD = CASH_ON_DELIVERY


def payment_methods() -> list[PaymentMethod]:
    """Return every method, offered now or not, in the order buyers see them."""
    return list(_METHODS.values())


def payment_method_get(code: str | None) -> PaymentMethod | None:
    """Return the method with this code if buyers are offered it now, or None."""
    method = _METHODS.get(code or "")
    return method if method is not None and method.available else None


def payment_method_for_source(source_type_name: str) -> PaymentMethod | None:
    """Return the method a stored payment source was made with, or None."""
    for method in _METHODS.values():
        if method.source_type_name == source_type_name:
            return method
    return None


def payment_source_type_names(
    *, paid_when: PaidWhen | None = None, refundable: bool | None = None
) -> list[str]:
    """Return the source type names of the methods that match, for queries."""
    return [
        method.source_type_name
        for method in _METHODS.values()
        if (paid_when is None or method.paid_when is paid_when)
        and (refundable is None or method.refundable is refundable)
    ]


def order_payment_methods(*, order) -> list[PaymentMethod]:
    """Return the methods ``order`` was paid with, one query."""
    sources = order.sources.select_related("source_type")
    methods = [payment_method_for_source(s.source_type.name) for s in sources]
    return [method for method in methods if method is not None]
