"""Keep the search indexes in step with the products and news pages.

``product_index_update`` reindexes products by id, ``news_index_update``
news pages by id, ``listing_index_update`` listings of one kind by id,
reading them from the registered sources (``sources.py``): rows that are no
longer indexable (deleted, unpublished, moderated away) are removed. The
apps that own them enqueue these tasks after the transaction that changed
them commits (their ``search_signals.py``), never inline in a request.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django_tasks import task

from marketplace.pagecache.versions import versions_bump

from .database import listings as listings_table
from .database import news as news_table
from .database import products as products_table
from .sources import listing_sources, news_source, product_source

logger = logging.getLogger("htx.search")
#: The page cache's version of what the search indexes answer: pages that
#: show search results are rendered anew after every index write.
SEARCH_VERSION = "search"


def search_changed() -> None:
    versions_bump(SEARCH_VERSION)


def products_reindex(product_ids: Iterable[int]) -> int:
    """Rewrite these products in every index; return how many are indexed."""
    ids = sorted(set(product_ids))
    records = list(product_source().records(ids))
    gone = set(ids) - {r.product_id for r in records}
    products_table.entries_delete(list(gone))
    products_table.entries_write(records)
    if settings.ELASTICSEARCH_URL:
        from .elastic.client import SearchUnavailable, products_delete, products_index

        try:
            products_index(records)
            products_delete(gone)
        except SearchUnavailable:
            # The database index is current; `search_index --rebuild` catches
            # Elasticsearch up once it answers again.
            logger.exception("Elasticsearch indexing failed for products %s", ids)
    search_changed()
    return len(records)


@task()
def product_index_update(product_ids: list[int]) -> int:
    """Task: reindex these products (after the change that touched them commits)."""
    return products_reindex(product_ids)


def news_reindex(page_ids: Iterable[int]) -> int:
    """Rewrite these news pages in every index; return how many are indexed.

    A page that is no longer live and public (unpublished, deleted, made
    private) leaves the indexes.
    """
    ids = sorted(set(page_ids))
    records = list(news_source().records(ids))
    gone = set(ids) - {r.page_id for r in records}
    news_table.news_entries_delete(list(gone))
    news_table.news_entries_write(records)
    if settings.ELASTICSEARCH_URL:
        from .elastic.client import SearchUnavailable, news_delete, news_index

        try:
            news_index(records)
            news_delete(gone)
        except SearchUnavailable:
            logger.exception("Elasticsearch indexing failed for pages %s", ids)
    search_changed()
    return len(records)


@task()
def news_index_update(page_ids: list[int]) -> int:
    """Task: reindex these news pages (after the change that touched them commits)."""
    return news_reindex(page_ids)


def listings_index(*, kind: str, ids: Iterable[int]) -> int:
    """Rewrite these listings of ``kind`` in every index; return how many are
    indexed. Ids the source no longer yields (gone, not indexable) leave."""
    ids = sorted(set(ids))
    source = listing_sources().get(kind)
    records = list(source(ids)) if source is not None and ids else []
    gone = set(ids) - {r.object_id for r in records}
    listings_table.listing_entries_delete(kind=kind, object_ids=list(gone))
    listings_table.listing_entries_write(records)
    if settings.ELASTICSEARCH_URL and ids:
        from .elastic.client import SearchUnavailable, listings_delete
        from .elastic.client import listings_index as elastic_index

        try:
            elastic_index(records)
            listings_delete(kind=kind, object_ids=gone)
        except SearchUnavailable:
            logger.exception("Elasticsearch indexing failed for %s %s", kind, ids)
    # No search_changed(): listings show on signed-in pages the page cache
    # never keeps, and bumping would drop the cached product searches.
    return len(records)


def listings_unindex(*, kind: str, ids: Iterable[int]) -> None:
    """Remove these listings of ``kind`` from every index."""
    ids = sorted(set(ids))
    listings_table.listing_entries_delete(kind=kind, object_ids=ids)
    if settings.ELASTICSEARCH_URL and ids:
        from .elastic.client import SearchUnavailable, listings_delete

        try:
            listings_delete(kind=kind, object_ids=ids)
        except SearchUnavailable:
            logger.exception("Elasticsearch unindexing failed for %s %s", kind, ids)


@task()
def listing_index_update(kind: str, ids: list[int]) -> int:
    """Task: reindex these listings of ``kind`` (after the change commits)."""
    return listings_index(kind=kind, ids=ids)
