"""What search engines and link previews read: schema.org data, Open Graph.

The product page and the storefront each describe themselves as JSON-LD
(schema.org ``Product`` with its ``Offer``; ``LocalBusiness`` for a
cooperative) and as Open Graph / Twitter card tags. The facts come from the
same places the pages read: Oscar's strategy for price and availability, the
listing for the cooperative, the certificate for the OCOP rating.
"""

from __future__ import annotations

import html as html_lib
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

SCHEMA_ORG = "https://schema.org"
IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"
NEW_CONDITION = "https://schema.org/NewCondition"

#: How long a description may be in a preview (Open Graph readers cut there).
DESCRIPTION_LENGTH = 300

# Inside <script>, "</script>" or "<!--" in a product's name would end or
# bend the element: these characters go out as JSON escapes, which mean the
# same to a JSON reader (as Django's json_script does).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """Return ``data`` as JSON safe to put inside a ``<script>`` element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))


# Where one block of text ends and the next begins, so that stripping the
# tags does not glue "kg.</p><p>Sản" into "kg.Sản".
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(html: str, *, length: int | None = None) -> str:
    """Return the text of ``html`` on one line, cut to ``length`` characters."""
    text = html_lib.unescape(strip_tags(_BLOCK_END.sub(" ", html or "")))
    text = " ".join(text.split())
    return Truncator(text).chars(length) if length else text


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def _organization(request, cooperative) -> dict:
    return {
        "@type": "Organization",
        "name": cooperative.name,
        "url": _absolute(request, cooperative.get_absolute_url()),
    }


def product_seo(*, request, product, cooperative=None, certificate=None) -> dict:
    """Return the product page's canonical URL, preview tags and JSON-LD."""
    url = _absolute(request, product.get_absolute_url())
    title = product.get_title()
    description = plain_text(product.description, length=DESCRIPTION_LENGTH)
    images = [
        _absolute(request, image.original.url)
        for image in product.get_all_images()
        if image.original
    ]
    info = request.strategy.fetch_for_product(product)
    price = None
    if info.price.exists and info.price.is_tax_known:
        price = int(info.price.incl_tax)
    elif info.price.exists:
        price = int(info.price.excl_tax)
    data: dict = {
        "@context": SCHEMA_ORG,
        "@type": "Product",
        "name": title,
        "url": url,
    }
    if description:
        data["description"] = plain_text(product.description, length=5000)
    if images:
        data["image"] = images
    sku = info.stockrecord.partner_sku if info.stockrecord else ""
    if sku or product.upc:
        data["sku"] = sku or product.upc
    if certificate is not None:
        data["award"] = gettext("OCOP %(stars)s stars") % {"stars": certificate.stars}
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "OCOP",
            "value": certificate.number,
        }
    if cooperative is not None:
        data["brand"] = _organization(request, cooperative)
    if price is not None:
        offer = {
            "@type": "Offer",
            "url": url,
            "price": str(price),
            "priceCurrency": info.price.currency or "VND",
            "availability": IN_STOCK
            if info.availability.is_available_to_buy
            else OUT_OF_STOCK,
            "itemCondition": NEW_CONDITION,
        }
        if cooperative is not None:
            offer["seller"] = _organization(request, cooperative)
        data["offers"] = offer
    reviews = product.num_approved_reviews
    if reviews and product.rating is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(float(product.rating), 1),
            "reviewCount": reviews,
            "bestRating": 5,
            "worstRating": 1,
        }
    return {
        "canonical": url,
        "title": title,
        "description": description,
        "image": images[0] if images else "",
        "price": price,
        "currency": info.price.currency if price is not None else "",
        "json_ld": json_ld(data),
    }


def cooperative_seo(*, request, cooperative, photos=(), page: int = 1) -> dict:
    """Return the storefront's canonical URL, preview tags and JSON-LD.

    Each page of products after the first is its own canonical address (it
    lists other products); the business described stays the same.
    """
    url = _absolute(request, cooperative.get_absolute_url())
    canonical = url if page <= 1 else f"{url}?page={page}"
    description = plain_text(
        cooperative.description or cooperative.story, length=DESCRIPTION_LENGTH
    )
    logo = _absolute(request, cooperative.logo.url) if cooperative.logo else ""
    images = [_absolute(request, p.image.url) for p in photos if p.image]
    data: dict = {
        "@context": SCHEMA_ORG,
        "@type": "LocalBusiness",
        "name": cooperative.name,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": cooperative.street_address,
            "addressLocality": cooperative.ward_name,
            "addressRegion": cooperative.province_name,
            "addressCountry": "VN",
        },
    }
    if cooperative.short_name:
        data["alternateName"] = cooperative.short_name
    if description:
        data["description"] = description
    if logo:
        data["logo"] = logo
    if logo or images:
        data["image"] = images or [logo]
    if cooperative.phone:
        data["telephone"] = cooperative.phone
    if cooperative.email:
        data["email"] = cooperative.email
    if cooperative.founded_year:
        data["foundingDate"] = str(cooperative.founded_year)
    return {
        "canonical": canonical,
        "title": cooperative.name,
        "description": description,
        "image": images[0] if images else logo,
        "json_ld": json_ld(data),
    }
