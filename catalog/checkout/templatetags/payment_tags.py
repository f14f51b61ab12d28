"""How an order's payments read to the buyer."""

from django import template

from ..payment_methods import payment_method_for_source

register = template.Library()


@register.filter
def payment_source_label(source) -> str:
    """``{{ source|payment_source_label }}``: the method's translated name.

    Source types are rows named in English once, when first used; a type
    that is not one of the registered methods shows its stored name.
    """
    name = source.source_type.name
    method = payment_method_for_source(name)
    return str(method.name) if method is not None else name
