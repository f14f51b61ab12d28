"""Keep the search indexes in step with the products and news pages.

``product_index_update`` reindexes products by id, ``news_index_update``
news pages by id, reading them from the registered sources
(``sources.py``): rows that are no longer indexable (deleted, unpublished,
moderated away) are removed. The apps that own products and pages enqueue
these tasks after the transaction that changed them commits (their
``search_signals.py``), never inline in a request.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django_tasks import task

from marketplace.pagecache.versions import versions_bump

from .database import news as news_table
from .database import products as products_table
from .sources import news_source, product_source

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
