"""Where search gets what it indexes: sources the apps register with it.

Search knows no catalogue and no news site. The app that owns products
registers the product source (which products search may show, their
records, and the names of the categories and cooperatives its facets count
by key), the app that owns news pages the news source (their records), and
any app with short scoped listings a listing source per kind (their
records), in
the way checkout registers its webhook handlers with
``marketplace.payments.webhooks``. They do so from their
``AppConfig.ready()``; until one has, its index stays empty.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from .records import ListingRecord, NewsRecord, ProductRecord

#: The records of the indexable products or pages among these ids, or of
#: all of them when the ids are None. An id that is not indexable (deleted,
#: unpublished, moderated away) yields no record.
ProductRecords = Callable[[Iterable[int] | None], Iterable[ProductRecord]]
NewsRecords = Callable[[Iterable[int] | None], Iterable[NewsRecord]]
ListingRecords = Callable[[Iterable[int] | None], Iterable[ListingRecord]]


@dataclass(frozen=True)
class ProductSource:
    """How search reads the products it indexes."""

    #: The ids of every product search may show.
    indexable_ids: Callable[[], Iterable[int]]
    records: ProductRecords
    #: The labels of a facet's keys: ("category" or "cooperative", slugs)
    #: -> {slug: name}. A key missing from the answer shows as itself.
    facet_labels: Callable[[str, Collection[str]], dict[str, str]]


@dataclass(frozen=True)
class NewsSource:
    """How search reads the news pages it indexes."""

    records: NewsRecords


_NO_PRODUCTS = ProductSource(
    indexable_ids=lambda: [],
    records=lambda ids: [],
    facet_labels=lambda facet, keys: {},
)
_NO_NEWS = NewsSource(records=lambda ids: [])
_products: ProductSource = _NO_PRODUCTS
_news: NewsSource = _NO_NEWS
#: kind -> the records of that kind's indexable rows.
_listings: dict[str, ListingRecords] = {}


def product_source_register(
    *,
    indexable_ids: Callable[[], Iterable[int]],
    records: ProductRecords,
    facet_labels: Callable[[str, Collection[str]], dict[str, str]],
) -> None:
    """Register where the products come from (again: the last one counts)."""
    global _products
    _products = ProductSource(
        indexable_ids=indexable_ids, records=records, facet_labels=facet_labels
    )


def news_source_register(*, records: NewsRecords) -> None:
    """Register where the news pages come from (again: the last one counts)."""
    global _news
    _news = NewsSource(records=records)


def product_source() -> ProductSource:
    """Return the registered product source (without one: no products)."""
    return _products


def news_source() -> NewsSource:
    """Return the registered news source (without one: no news pages)."""
    return _news


def listing_source_register(*, kind: str, records: ListingRecords) -> None:
    """Register where the listings of ``kind`` come from (again: the last counts).

    ``records(ids)`` yields the records of the indexable rows among ``ids``
    (all of them when None); a row that is gone or not indexable yields none.
    """
    _listings[kind] = records


def listing_sources() -> dict[str, ListingRecords]:
    """Return the registered listing sources: kind -> records."""
    return dict(_listings)
