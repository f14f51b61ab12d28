"""Template helpers: the OCOP badge and the cooperative of a product."""

from django import template
from django.core.exceptions import ObjectDoesNotExist

register = template.Library()


@register.simple_tag
def valid_certificate(product):
    """Return the product's OCOP certificate while it is valid, else None."""
    try:
        certificate = product.ocop_certificate
    except ObjectDoesNotExist:
        return None
    return certificate if certificate.is_valid() else None


@register.simple_tag
def product_listing(product):
    """Return the product's listing (cooperative, unit, origin), or None."""
    try:
        return product.listing
    except ObjectDoesNotExist:
        return None


@register.inclusion_tag("cooperatives/partials/ocop_badge.html")
def ocop_badge(product):
    """Render the OCOP badge with its stars, only while the certificate is valid."""
    return {"certificate": valid_certificate(product)}


@register.filter
def star_range(stars):
    """Return range(stars), to draw one star per rating point."""
    return range(int(stars or 0))
