"""Keep the search indexes in step with the catalogue.

``product_index_update`` reindexes products by id: rows that are no longer
indexable (deleted, unpublished, moderated away) are removed. It runs as a
task enqueued after the transaction commits (see ``signals.py``), never
inline in a request.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django_tasks import task

from . import database
from .records import product_records

logger = logging.getLogger("htx.search")


def products_reindex(product_ids: Iterable[int]) -> int:
    """Rewrite these products in every index; return how many are indexed."""
    ids = sorted(set(product_ids))
    records = list(product_records(ids))
    gone = set(ids) - {r.product_id for r in records}
    database.entries_delete(list(gone))
    database.entries_write(records)
    if settings.ELASTICSEARCH_URL:
        from .elastic.client import SearchUnavailable, products_delete, products_index

        try:
            products_index(records)
            products_delete(gone)
        except SearchUnavailable:
            # The database index is current; `search_index --rebuild` catches
            # Elasticsearch up once it answers again.
            logger.exception("Elasticsearch indexing failed for products %s", ids)
    return len(records)


@task()
def product_index_update(product_ids: list[int]) -> int:
    """Task: reindex these products (after the change that touched them commits)."""
    return products_reindex(product_ids)
