"""Template filters of the register that name people (``person``): the
full name, or the username when the account has none
(``agreements.selectors.people``)."""

from django import template

from ..selectors.people import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """Return how staff see ``user``: full name, else username ("" for none)."""
    return person_name(user=user)
