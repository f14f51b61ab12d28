"""Template tags for the private OCOP scan: link it only for those who may see it."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def ocop_scan_visible(context, certificate) -> bool:
    """Return whether the page's viewer may open the certificate's scan."""
    request = context.get("request")
    if request is None or certificate is None:
        return False
    return selectors.ocop_certificate_scan_visible(
        user=request.user, certificate=certificate
    )
