"""The per-cooperative shipping breakdown of a basket, for its pages."""

from django import template

register = template.Library()


@register.simple_tag
def cooperative_shipping(shipping_method, basket):
    """Return each cooperative's subtotal and shipping, or [] for other methods."""
    method = getattr(shipping_method, "method", shipping_method)
    breakdown = getattr(method, "breakdown", None)
    if breakdown is None or basket is None:
        return []
    return breakdown(basket)
