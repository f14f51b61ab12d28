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

List pages render their cards with ``product_cards``: one cache read for the
whole list (one round trip to Redis, not one per card), and for the cards
that are missing, one query for all their thumbnails before they are
rendered.

Prices come from Oscar's default strategy, the same for every buyer. A
strategy that prices per user or per basket would have to be part of the key.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.template import Context
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from oscar.templatetags.product_tags import render_product

from catalog.catalogue.thumbnails import (
    PRODUCT_CARD_IMAGE,
    PRODUCT_GALLERY_SIZES,
    thumbnail_url,
    thumbnails_prefetch,
)

register = template.Library()

CSRF_PLACEHOLDER = "__product_card_csrf_token__"
#: Bump when the card's templates change, so caches that outlive a deploy
#: (Redis) stop serving the old markup.
CARD_TEMPLATE_VERSION = 3


def _related(product, name):
    try:
        return getattr(product, name)
    except ObjectDoesNotExist:
        return None


def _card_image(product):
    """Return the image the card shows, from the prefetched images, or None."""
    images = product.get_all_images()
    return images[0] if images else None


def product_card_key(product) -> str:
    """Return the cache key of ``product``'s card: a digest of all it shows.

    Reads only what the list's queryset selected and prefetched (images,
    stock records, certificate, listing and cooperative).
    """
    image = _card_image(product)
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
        return _card_render(context, product, None)
    key = product_card_key(product)
    html = cache.get(key)
    if html is None:
        with context.push(csrf_token=CSRF_PLACEHOLDER):
            html = str(_card_render(context, product, None))
        cache.set(key, html, seconds)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, str(token)))


@register.simple_tag(takes_context=True)
def product_cards(context, products, highlighted_titles=None) -> list:
    """Return the rendered cards of ``products``, in order, from the cache.

    The cached cards are read in one go; the missing ones have their
    thumbnails' store rows read in one query, then are rendered and stored.
    ``highlighted_titles`` (search results) gives each card its title with
    the matched words marked, in the same order; it is part of the key.
    A parent product's card is rendered every time (see render_product_card).
    """
    products = list(products)
    titles = list(highlighted_titles or ()) or [None] * len(products)
    seconds = getattr(settings, "PRODUCT_CARD_CACHE_SECONDS", 3600)
    token = context.get("csrf_token")
    if seconds <= 0 or token is None:
        _card_thumbnails_prefetch(products)
        return [
            _card_render(context, product, title)
            for product, title in zip(products, titles, strict=True)
        ]
    keys = [
        None if product.is_parent else _card_key(product, title)
        for product, title in zip(products, titles, strict=True)
    ]
    cards = cache.get_many([key for key in keys if key])
    missing = [
        index for index, key in enumerate(keys) if key is None or key not in cards
    ]
    _card_thumbnails_prefetch([products[index] for index in missing])
    rendered = {}
    uncached = {}
    with context.push(csrf_token=CSRF_PLACEHOLDER):
        for index in missing:
            html = str(_card_render(context, products[index], titles[index]))
            if keys[index] is None:
                uncached[index] = html
            else:
                rendered[keys[index]] = html
    if rendered:
        cache.set_many(rendered, seconds)
        cards.update(rendered)
    token = str(token)
    return [
        mark_safe(  # noqa: S308  (rendered by the card template, escaped)
            (uncached[index] if key is None else cards[key]).replace(
                CSRF_PLACEHOLDER, token
            )
        )
        for index, key in enumerate(keys)
    ]


def _card_key(product, title) -> str:
    key = product_card_key(product)
    if title is None:
        return key
    digest = hashlib.md5(str(title).encode(), usedforsecurity=False).hexdigest()
    return f"{key}:{digest}"


def _card_render(context, product, title):
    """Render a card like Oscar's ``render_product``, from what a card reads.

    ``render_product`` copies the whole page's context into each card (every
    context processor's values, the page's own); a card reads only the
    request (price, basket form), the CSRF token and its title, and a cached
    card must not depend on anything else anyway.
    """
    card_context = Context(
        {
            "request": context.get("request"),
            "csrf_token": context.get("csrf_token"),
            "highlighted_title": title,
        },
        autoescape=context.autoescape,
    )
    return render_product(card_context, product)


def _card_thumbnails_prefetch(products: list) -> None:
    """Find the cards' thumbnails with one query; give each card its URL.

    The card template shows ``product.card_thumbnail_url`` when it is set
    and asks sorl otherwise (a thumbnail not made yet, a single card).
    """
    images = {p.pk: image for p in products if (image := _card_image(p))}
    stored = thumbnails_prefetch(
        sources=[image.original for image in images.values()],
        sizes=[PRODUCT_CARD_IMAGE],
    )
    for product in products:
        image = images.get(product.pk)
        value = stored.get((image.original.name, 0)) if image else None
        if value:
            product.card_thumbnail_url = thumbnail_url(value)


@register.simple_tag
def product_gallery_prefetch(product) -> str:
    """Read the store rows of the product page's thumbnails in one query.

    The gallery shows each image in two sizes (``oscar/catalogue/detail.html``);
    sorl would read each row with a query of its own on a cold cache.
    The main image is the card's size (PRODUCT_CARD_IMAGE).
    """
    images = list(product.get_all_images())
    # Without a gallery (one image or none), only the main image is shown.
    sizes = PRODUCT_GALLERY_SIZES if len(images) > 1 else [PRODUCT_CARD_IMAGE]
    thumbnails_prefetch(sources=[image.original for image in images], sizes=sizes)
    return ""
