"""The buyer's order, one shipment per cooperative (Oscar's order pages)."""

from django import template

from ..shipments import order_shipments as _order_shipments

register = template.Library()


@register.simple_tag
def order_shipments(order):
    """Return the order's shipments: ``{% order_shipments order as shipments %}``."""
    return _order_shipments(order=order)
