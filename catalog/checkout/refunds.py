"""Refunds of card payments, in full or for one cooperative's lines.

An order is refundable when it was paid with a method that has a refunder in
the payment-method registry (card, today); the refunder gives the money back.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .models import OrderShippingCharge
from .payment_events import REFUNDED, payment_event_record
from .payment_methods import payment_method_for_source, payment_source_type_names
from .services import whole_dong

Source = get_model("payment", "Source")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


class RefundError(Exception):
    """The refund cannot be made (nothing left to refund, not a card order)."""


def order_card_refund(*, order, partner=None) -> int:
    """Refund a card order's lines (only ``partner``'s lines if given); return dong.

    Lines already refunded are skipped, so asking twice refunds once. A
    cooperative's refund includes its shipping charge on the order; a full
    refund (no partner) returns whatever is left.
    """
    with transaction.atomic():
        source = (
            Source.objects.select_for_update(of=("self",))
            .select_related("source_type")
            .filter(
                order=order,
                source_type__name__in=payment_source_type_names(refundable=True),
            )
            .first()
        )
        if source is None:
            raise RefundError(_("This order was not paid by card."))
        refunded_lines = set(
            PaymentEventQuantity.objects.filter(
                event__order=order, event__event_type__name=REFUNDED
            ).values_list("line_id", flat=True)
        )
        lines = order.lines.exclude(pk__in=refunded_lines)
        if partner is not None:
            lines = lines.filter(partner=partner)
        lines = list(lines)
        remaining = whole_dong(source.amount_debited - source.amount_refunded)
        if partner is None:
            amount = remaining
        elif lines:
            # The cooperative's lines and what it charged to ship them.
            amount = whole_dong(
                order.lines.filter(pk__in=[line.pk for line in lines]).aggregate(
                    total=Sum("line_price_incl_tax")
                )["total"]
                or 0
            ) + (
                OrderShippingCharge.objects.filter(
                    order=order, partner=partner
                ).aggregate(total=Sum("amount"))["total"]
                or 0
            )
        else:
            amount = 0
        amount = min(amount, remaining)
        if amount <= 0:
            raise RefundError(_("There is nothing left to refund."))
        key = "all" if partner is None else f"partner-{partner.pk}"
        method = payment_method_for_source(source.source_type.name)
        reference = method.refund(
            source=source,
            amount=amount,
            idempotency_key=f"htx-refund-{order.number}-{key}-{len(lines)}",
        )
        payment_event_record(
            order=order,
            name=REFUNDED,
            amount=amount,
            lines=lines,
            reference=reference,
        )
    return amount
