"""Payment events on an order, written through Oscar's order event handler."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from oscar.core.loading import get_class, get_model

EventHandler = get_class("order.processing", "EventHandler")
PaymentEventType = get_model("order", "PaymentEventType")

#: Payment event type names (read by settlement, refunds and the buyer's page).
PAID, REFUNDED = "Paid", "Refunded"


def payment_event_record(
    *, order, name: str, amount: Decimal | int, lines: Iterable, reference: str = ""
):
    """Record a payment event of type ``name`` covering all of each line."""
    lines = list(lines)
    event_type, _created = PaymentEventType.objects.get_or_create(name=name)
    return EventHandler().create_payment_event(
        order,
        event_type,
        amount,
        lines=lines,
        line_quantities=[line.quantity for line in lines],
        reference=reference,
    )
