"""Helpers of the site's one shell around Oscar's store templates."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

#: The URL namespaces whose Oscar templates call Oscar's jQuery code
#: (oscar/js/oscar/ui.js: basket line actions, the checkout's forms, the
#: account pages' forms). Every other store page loads no script library.
OSCAR_JS_NAMESPACES = frozenset({"basket", "checkout", "customer"})
#: Pages in those namespaces that call none of it (plain forms).
OSCAR_JS_NOT_NEEDED = frozenset({"customer:login", "customer:register"})

# Oscar writes this label in English into the breadcrumbs of some 20
# templates; the shell relabels it rather than overriding each of them.
_OSCAR_BREADCRUMB_NAV = '<nav aria-label="breadcrumb">'


@register.filter(is_safe=True)
def breadcrumb_label(html: str) -> SafeString:
    """Return ``html`` with Oscar's breadcrumb landmark named in the page's language."""
    if _OSCAR_BREADCRUMB_NAV not in html:
        return mark_safe(html)  # noqa: S308  (rendered template output)
    labelled = format_html(
        '<nav class="breadcrumbs" aria-label="{}">', gettext("Breadcrumb")
    )
    return mark_safe(html.replace(_OSCAR_BREADCRUMB_NAV, labelled))  # noqa: S308


@register.filter
def needs_oscar_js(request) -> bool:
    """Return whether the page is one whose Oscar templates need jQuery."""
    match = getattr(request, "resolver_match", None)
    return bool(
        match
        and match.namespace in OSCAR_JS_NAMESPACES
        and match.view_name not in OSCAR_JS_NOT_NEEDED
    )
