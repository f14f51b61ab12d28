"""The per-cooperative shipping breakdown of a basket, for its pages."""

from django import template

from ..selectors import CooperativeShipping, partner_shipping_quote

register = template.Library()


@register.simple_tag
def cooperative_shipping(shipping_method, basket):
    """Return each cooperative's subtotal and shipping, or [] for other methods."""
    method = getattr(shipping_method, "method", shipping_method)
    breakdown = getattr(method, "breakdown", None)
    if breakdown is None or basket is None:
        return []
    return breakdown(basket)


@register.simple_tag
def product_shipping(purchase_info) -> CooperativeShipping | None:
    """Return the shipping of one unit from the product's cooperative.

    ``purchase_info`` is Oscar's (``purchase_info_for_product``); None when
    the product cannot be bought.
    """
    stockrecord = getattr(purchase_info, "stockrecord", None)
    price = getattr(purchase_info, "price", None)
    if stockrecord is None or price is None or not price.exists:
        return None
    return partner_shipping_quote(
        partner_id=stockrecord.partner_id, subtotal=int(price.incl_tax)
    )
