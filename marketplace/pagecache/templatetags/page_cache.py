"""``{% page_part name %}``: a region rendered per visitor, even in a cached page."""

from django import template
from django.utils.safestring import mark_safe

from ..middleware import page_cache_audience, page_cache_storing
from ..parts import (
    page_part_is_per_user_only,
    page_part_placeholder,
    page_part_render,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def page_part(context, name, argument=None):
    """Render part ``name`` for this visitor, or its placeholder in a stored page.

    Without a request (the 500 page) the part is left out.
    """
    request = context.get("request")
    if request is None:
        return ""
    if page_cache_storing(request) and not (
        page_cache_audience(request) == "anonymous" and page_part_is_per_user_only(name)
    ):
        # Letters, digits, "-" and "_" only.
        return mark_safe(page_part_placeholder(name, argument))  # noqa: S308
    # The part's own template escaped it.
    html = page_part_render(name, request, argument, context=context)
    return mark_safe(html)  # noqa: S308
