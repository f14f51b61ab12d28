"""Staff tools on Oscar's dashboard order page."""

from django import template

from ..refund_selectors import order_card_refund_options as _options

register = template.Library()


@register.simple_tag
def order_card_refund_options(order):
    """``{% order_card_refund_options order as refunds %}``: None if nothing to do."""
    return _options(order=order)
