"""The ``sanitised`` filter: show user-written HTML, never through ``|safe``.

Descriptions are cleaned when saved (``marketplace.core.html``); the filter cleans
them again when shown, so rows written before that rule, or by a path that
skipped ``save()``, cannot carry a script to the page either.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from marketplace.core.html import html_sanitise

register = template.Library()


@register.filter(is_safe=True)
def sanitised(value) -> SafeString:
    """Return ``value`` cleaned to the allowed tags, marked safe for output."""
    return mark_safe(html_sanitise(value))  # noqa: S308  (cleaned just above)
