"""Product cards served from the cache: one cache read per card on a list page.

Rendering a card (Oscar's ``render_product``: image, OCOP badge, title,
cooperative, price, availability, add-to-basket form) costs several
milliseconds of template work; a list page shows 24. The rendered card is kept
in Django's cache under a key made of everything the card shows, read from
the rows the list already fetched (no query): the product, its primary
image, its stock records, its OCOP certificate and whether it is valid today,
its listing and cooperative, and the language. Any change to one of them is a
new key, so a card is never shown stale; the old entry just expires.

The add-to-basket form's CSRF token is stored as a placeholder and filled in
per request (every form on a page carries the same token, as when rendered
directly), so a cached card never carries another buyer's token.

Prices come from Oscar's default strategy, the same for every buyer. A
strategy that prices per user or per basket would have to be part of the key.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from oscar.templatetags.product_tags import render_product

register = template.Library()

CSRF_PLACEHOLDER = "__product_card_csrf_token__"
#: Bump when the card's templates change, so caches that outlive a deploy
#: (Redis) stop serving the old markup.
CARD_TEMPLATE_VERSION = 2


def _related(product, name):
    try:
        return getattr(product, name)
    except ObjectDoesNotExist:
        return None


def product_card_key(product) -> str:
    """Return the cache key of ``product``'s card: a digest of all it shows.

    Reads only what the list's queryset selected and prefetched (images,
    stock records, certificate, listing and cooperative).
    """
    images = product.get_all_images()
    image = images[0] if images else None
    certificate = _related(product, "ocop_certificate")
    listing = _related(product, "listing")
    parts = (
        CARD_TEMPLATE_VERSION,
        get_language(),
        product.pk,
        product.date_updated,
        product.title,
        product.slug,
        product.structure,
        product.rating,
        product.has_options,
        (image.pk, image.original.name) if image else None,
        [
            (
                record.pk,
                record.partner_id,
                record.price_currency,
                record.price,
                record.num_in_stock,
                record.num_allocated,
                record.low_stock_threshold,
                record.date_updated,
            )
            for record in product.stockrecords.all()
        ],
        (certificate.pk, certificate.stars, certificate.is_valid())
        if certificate
        else None,
        (listing.pk, listing.unit, str(listing.cooperative)) if listing else None,
    )
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"product-card:{digest}"


@register.simple_tag(takes_context=True)
def render_product_card(context, product):
    """Render ``product``'s card like Oscar's ``render_product``, from the cache.

    A parent product's price comes from its children's stock records, which
    the lists do not prefetch, so its card is rendered every time.
    """
    seconds = getattr(settings, "PRODUCT_CARD_CACHE_SECONDS", 3600)
    token = context.get("csrf_token")
    if not product or product.is_parent or seconds <= 0 or token is None:
        return render_product(context, product)
    key = product_card_key(product)
    html = cache.get(key)
    if html is None:
        with context.push(csrf_token=CSRF_PLACEHOLDER):
            html = str(render_product(context, product))
        cache.set(key, html, seconds)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, str(token)))
