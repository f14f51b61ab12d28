"""Template tags of the SEO partials (product page, storefront): see seo.py."""

from django import template

from catalog.cooperatives.templatetags.cooperative_tags import (
    product_listing,
    valid_certificate,
)

from .. import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def product_seo(context, product) -> dict:
    """Return the product page's canonical URL, preview tags and JSON-LD."""
    listing = product_listing(product)
    return seo.product_seo(
        request=context["request"],
        product=product,
        cooperative=listing.cooperative if listing else None,
        certificate=valid_certificate(product),
    )


@register.simple_tag(takes_context=True)
def cooperative_seo(context, cooperative) -> dict:
    """Return the storefront's canonical URL, preview tags and JSON-LD."""
    return seo.cooperative_seo(
        request=context["request"],
        cooperative=cooperative,
        photos=cooperative.photos.all(),
        page=page_obj.number if (page_obj := context.get("page_obj")) else 1,
    )
