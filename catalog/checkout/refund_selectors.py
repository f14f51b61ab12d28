"""What staff can still refund of a card order (read side of refunds.py).

An order is refundable when it was paid with a method that has a refunder in
the payment-method registry: card, today.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum
from oscar.core.loading import get_model

from .payment_events import REFUNDED
from .payment_methods import payment_source_type_names
from .services import whole_dong

Source = get_model("payment", "Source")
Line = get_model("order", "Line")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


@dataclass(frozen=True)
class PartnerRefund:
    partner_id: int
    name: str
    #: Dong a refund of the partner's lines not yet refunded would return.
    amount: int


@dataclass(frozen=True)
class CardRefundOptions:
    #: Dong still held on the card (a full refund returns this).
    remaining: int
    partners: list[PartnerRefund]


def order_card_refund_options(*, order) -> CardRefundOptions | None:
    """Return what can still be refunded of a card order, or None.

    None when the order was not paid with a refundable method or nothing is
    left to refund.
    Three queries: the card source, the refunded lines, the sums per partner.
    """
    source = Source.objects.filter(
        order=order, source_type__name__in=payment_source_type_names(refundable=True)
    ).first()
    if source is None:
        return None
    remaining = whole_dong(source.amount_debited - source.amount_refunded)
    if remaining <= 0:
        return None
    refunded = PaymentEventQuantity.objects.filter(
        event__order=order, event__event_type__name=REFUNDED
    ).values("line_id")
    rows = (
        Line.objects.filter(order=order, partner__isnull=False)
        .exclude(pk__in=refunded)
        .values("partner_id", "partner_name")
        .annotate(total=Sum("line_price_incl_tax"))
        .order_by("partner_name")
    )
    partners = [
        PartnerRefund(
            partner_id=row["partner_id"],
            name=row["partner_name"],
            amount=min(whole_dong(row["total"]), remaining),
        )
        for row in rows
        if row["total"]
    ]
    return CardRefundOptions(remaining=remaining, partners=partners)
