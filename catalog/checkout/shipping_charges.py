"""Each cooperative's shipping charge on a placed order."""

from __future__ import annotations

from oscar.core.loading import get_class

from .models import OrderShippingCharge

PerCooperative = get_class("shipping.methods", "PerCooperative")


def order_shipping_charges_record(
    *, order, basket, shipping_method
) -> list[OrderShippingCharge]:
    """Record what each cooperative charged to ship its lines of ``order``.

    Called inside the transaction that writes the order, with the basket
    and the method the order's shipping charge was computed from, so the
    rows add up to that charge. Other methods (no shipping needed) record
    nothing.
    """
    if shipping_method.code != PerCooperative.code:
        return []
    method = getattr(shipping_method, "method", shipping_method)
    return OrderShippingCharge.objects.bulk_create(
        [
            OrderShippingCharge(
                order=order, partner_id=row.partner_id, amount=row.charge
            )
            for row in method.breakdown(basket)
        ]
    )
