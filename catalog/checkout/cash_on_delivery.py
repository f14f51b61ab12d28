"""Cash on delivery: each cooperative records the cash its courier collected."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from oscar.core.loading import get_model

from .models import OrderShippingCharge
from .payment_events import PAID, payment_event_record
from .payment_methods import PaidWhen, payment_source_type_names

Source = get_model("payment", "Source")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


def cash_on_delivery_line_paid(*, line) -> Decimal | None:
    """Record ``line`` of a cash-on-delivery order as paid; return the amount.

    Called when the cooperative marks the line delivered: its courier took
    the line's price, and with the cooperative's first paid line also its
    shipping charge. Return None when the order is not paid on delivery (its
    payment method's ``paid_when``) or the line is already paid (so a
    repeated call records nothing).
    """
    with transaction.atomic():
        source = (
            Source.objects.select_for_update()
            .filter(
                order_id=line.order_id,
                source_type__name__in=payment_source_type_names(
                    paid_when=PaidWhen.DELIVERY
                ),
            )
            .first()
        )
        if source is None:
            return None
        paid_lines = PaymentEventQuantity.objects.filter(
            event__order_id=line.order_id, event__event_type__name=PAID
        )
        if paid_lines.filter(line=line).exists():
            return None
        amount = line.line_price_incl_tax
        partner_already_paid = paid_lines.filter(
            line__partner_id=line.partner_id
        ).exists()
        if not partner_already_paid:
            charge = OrderShippingCharge.objects.filter(
                order_id=line.order_id, partner_id=line.partner_id
            ).first()
            if charge is not None:
                amount += charge.amount
        source.debit(amount, reference=f"line {line.pk}")
        payment_event_record(
            order=line.order,
            name=PAID,
            amount=amount,
            lines=[line],
            reference=f"cash on delivery, line {line.pk}",
        )
    return amount
