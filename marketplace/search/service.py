"""One interface in front of both search backends, chosen by settings.

With ELASTICSEARCH_URL set, searches go to Elasticsearch; if it fails, the
failure is logged and the database answers, so pages still render.
"""

import logging

from django.conf import settings
from django.utils.translation import ngettext

from marketplace.core import vn_units

from .database import listings as listings_table
from .database import news as news_table
from .database import products as products_table
from .database.text import query_words
from .query import (
    PRICE_RANGES,
    FacetValue,
    NewsResults,
    ProductQuery,
    ProductResults,
)
from .sources import product_source

logger = logging.getLogger("htx.search")


def product_search(query: ProductQuery) -> ProductResults:
    """Return the products, facets and highlights for ``query``."""
    answer = None
    if settings.ELASTICSEARCH_URL:
        from .elastic.client import SearchUnavailable, product_search_elastic

        try:
            answer = product_search_elastic(query)
        except SearchUnavailable:
            logger.exception("Elasticsearch failed; answering from the database")
    if answer is None:
        answer = products_table.product_search_database(query)
    total, hits, counts = answer
    return ProductResults(total=total, hits=hits, facets=_facets(query, counts))


def _facets(query: ProductQuery, counts: dict[str, dict[str, int]]) -> dict:
    """Attach labels and selection to the raw counts, in a stable order.

    A chosen value stays listed even when nothing matches it any more (count
    0), so the buyer can see it and untick it.
    """
    counts = {facet: dict(values) for facet, values in counts.items()}
    chosen = {
        "stars": [str(s) for s in query.stars],
        "province": [str(p) for p in query.province_codes],
        "category": list(query.category_slugs),
        "cooperative": list(query.cooperative_slugs),
    }
    for facet, keys in chosen.items():
        for key in keys:
            counts.setdefault(facet, {}).setdefault(key, 0)
    # The names come from the product source, not from the index rows
    # (one indexed lookup each, not DISTINCT over every row of theirs).
    facet_labels = product_source().facet_labels
    category_names = facet_labels("category", counts.get("category", {}))
    cooperative_names = facet_labels("cooperative", counts.get("cooperative", {}))
    stars = counts.get("stars", {})
    facets = {
        "stars": [
            FacetValue(key, stars_label(int(key)), n, int(key) in query.stars)
            for key, n in sorted(stars.items(), key=lambda kv: -int(kv[0]))
        ],
        "province": [
            FacetValue(
                key,
                vn_units.province_name(int(key)) or key,
                n,
                int(key) in query.province_codes,
            )
            for key, n in counts.get("province", {}).items()
        ],
        "category": [
            FacetValue(
                key, category_names.get(key, key), n, key in query.category_slugs
            )
            for key, n in counts.get("category", {}).items()
        ],
        "cooperative": [
            FacetValue(
                key, cooperative_names.get(key, key), n, key in query.cooperative_slugs
            )
            for key, n in counts.get("cooperative", {}).items()
        ],
        "price": [
            FacetValue(
                band.key,
                str(band.label),
                counts.get("price", {}).get(band.key, 0),
                band.key == query.price_range,
            )
            for band in PRICE_RANGES
        ],
    }
    for facet in ("province", "category", "cooperative"):
        facets[facet].sort(key=lambda v: (-v.count, v.label))
    return facets


def stars_label(stars: int) -> str:
    """Return "4 stars" as the buyer reads it beside an OCOP star filter."""
    return ngettext("%(stars)d star", "%(stars)d stars", stars) % {"stars": stars}


def product_suggest(text: str, *, limit: int = 8) -> list[tuple[int, str]]:
    """Return up to ``limit`` (product id, name) suggestions for type-ahead."""
    if len(text.strip()) < 2:
        return []
    if settings.ELASTICSEARCH_URL:
        from .elastic.client import SearchUnavailable, product_suggest_elastic

        try:
            return product_suggest_elastic(text, limit=limit)
        except SearchUnavailable:
            logger.exception("Elasticsearch failed; suggesting from the database")
    return products_table.product_suggest_database(text, limit=limit)


def news_search(text: str, *, page: int = 1, per_page: int = 10) -> NewsResults:
    """Return the published news pages matching ``text``, whatever the accents."""
    if not text.strip():
        return NewsResults(total=0, hits=[])
    answer = None
    if settings.ELASTICSEARCH_URL:
        from .elastic.client import SearchUnavailable, news_search_elastic

        try:
            answer = news_search_elastic(text.strip(), page=page, per_page=per_page)
        except SearchUnavailable:
            logger.exception("Elasticsearch failed; answering news from the database")
    if answer is None:
        answer = news_table.news_search_database(text, page=page, per_page=per_page)
    total, hits = answer
    return NewsResults(total=total, hits=hits)


def listing_search(*, kind: str | None, scope: str, q: str) -> list[tuple[str, int]]:
    """Return (kind, object id) of the scope's listings (of ``kind``, or of
    every kind) matching every word of ``q`` whatever the accents, best first.
    """
    if not query_words(q):
        return []
    if settings.ELASTICSEARCH_URL:
        from .elastic.client import SearchUnavailable, listing_search_elastic

        try:
            return listing_search_elastic(kind=kind, scope=scope, text=q.strip())
        except SearchUnavailable:
            logger.exception(
                "Elasticsearch failed; answering listings from the database"
            )
    return listings_table.listing_search_database(kind=kind, scope=scope, text=q)
