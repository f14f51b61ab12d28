"""How an order's payments read to the buyer."""

from django import template

from ..payment_methods import payment_source_label as _label

register = template.Library()


@register.filter
def payment_source_label(source) -> str:
    """``{{ source|payment_source_label }}``: the method's translated name."""
    return _label(source.source_type.name)
