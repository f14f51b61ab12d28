"""The Elasticsearch connection, indexing and alias swaps.

Settings are read when called. Every client error is turned into
``SearchUnavailable`` so callers can fall back to the database backend.
"""

import datetime
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import connections
from elasticsearch.helpers import bulk

from marketplace.core.ocop import ocop_stars_in_force, ocop_today

from ..query import NewsHit, ProductHit, ProductQuery
from ..records import ListingRecord, NewsRecord, ProductRecord
from .documents import (
    ListingDocument,
    NewsDocument,
    ProductDocument,
    alias_name,
    index_for,
)
from .queries import (
    listing_results_read,
    listing_search_build,
    news_results_read,
    news_search_build,
    product_results_read,
    product_search_build,
)

logger = logging.getLogger("htx.search")

ALIAS = "default"


class SearchUnavailable(Exception):
    """Elasticsearch did not answer, or answered with an error."""


def _client() -> Elasticsearch:
    try:
        return connections.get_connection(ALIAS)
    except KeyError:
        return connections.create_connection(
            alias=ALIAS,
            hosts=[settings.ELASTICSEARCH_URL],
            request_timeout=5,
            retry_on_timeout=False,
            max_retries=1,
        )


_ERRORS = (es_exceptions.ApiError, es_exceptions.TransportError, ConnectionError)


def product_search_elastic(
    query: ProductQuery,
) -> tuple[int, list[ProductHit], dict[str, dict[str, int]]]:
    """Answer ``query`` from Elasticsearch: (total, hits, facet counts)."""
    try:
        response = product_search_build(query).using(_client()).execute()
    except _ERRORS as exc:
        raise SearchUnavailable(str(exc)) from exc
    return product_results_read(response)


def product_document(record: ProductRecord, *, today: datetime.date) -> ProductDocument:
    return ProductDocument(
        meta={"id": record.product_id},
        name=record.name,
        description=record.description,
        cooperative=record.cooperative_name,
        cooperative_slug=record.cooperative_slug,
        province_code=record.province_code,
        province=record.province,
        category_slugs=record.category_slugs,
        categories=record.category_names,
        ocop_stars=ocop_stars_in_force(
            record.ocop_stars, record.ocop_expires_on, on=today
        ),
        price=record.price,
        available=record.available,
        date=record.date,
        url=record.url,
    )


def products_index(
    records: Iterable[ProductRecord], *, index: str | None = None
) -> int:
    """Index ``records`` into ``index`` (the alias by default); return the count."""
    today = ocop_today()
    documents = (product_document(r, today=today) for r in records)
    return _documents_index(documents, index or alias_name("products"))


def products_delete(product_ids: Iterable[int]) -> None:
    """Remove these products from the index (missing ones are ignored)."""
    _documents_delete(product_ids, alias_name("products"))


def _documents_index(documents: Iterable, target: str) -> int:
    """Bulk-index elasticsearch-dsl documents into ``target``; return the count."""
    actions = (d.to_dict(include_meta=True) | {"_index": target} for d in documents)
    try:
        indexed, _ = bulk(_client(), actions, refresh="wait_for")
    except _ERRORS as exc:
        raise SearchUnavailable(str(exc)) from exc
    return indexed


def _documents_delete(ids: Iterable[int | str], target: str) -> None:
    """Bulk-delete these document ids from ``target`` (missing ones are ignored)."""
    actions = ({"_op_type": "delete", "_index": target, "_id": pk} for pk in ids)
    try:
        bulk(_client(), actions, raise_on_error=False, refresh="wait_for")
    except _ERRORS as exc:
        raise SearchUnavailable(str(exc)) from exc


def index_rebuild(
    kind: str,
    fill: Callable[[str], int],
) -> str:
    """Build a new index for ``kind``, fill it, then swap the alias onto it.

    Search keeps answering from the old index until the swap, which is one
    atomic alias update; old indexes are deleted afterwards.
    """
    client = _client()
    alias = alias_name(kind)
    name = f"{alias}-{datetime.datetime.now():%Y%m%d%H%M%S}"
    try:
        index_for(kind, name=name).create(using=client)
        fill(name)
        old = list(client.indices.get_alias(name=alias, ignore_unavailable=True))
        if client.indices.exists(index=alias) and not old:
            # A plain index squats on the alias's name (first run): drop it.
            client.indices.delete(index=alias)
        client.indices.update_aliases(
            actions=[{"remove": {"index": i, "alias": alias}} for i in old]
            + [{"add": {"index": name, "alias": alias}}]
        )
        for stale in old:
            client.indices.delete(index=stale)
    except _ERRORS as exc:
        raise SearchUnavailable(str(exc)) from exc
    return name


def product_suggest_elastic(text: str, *, limit: int = 8) -> list[tuple[int, str]]:
    """Return (product id, name) whose name prefixes match ``text`` (edge n-grams)."""
    from .queries import product_suggest_build

    try:
        response = product_suggest_build(text, limit=limit).using(_client()).execute()
    except _ERRORS as exc:
        raise SearchUnavailable(str(exc)) from exc
    return [(int(hit.meta.id), hit.name) for hit in response]


# News ----------------------------------------------------------------------


def news_document(record: NewsRecord) -> NewsDocument:
    return NewsDocument(
        meta={"id": record.page_id},
        title=record.title,
        intro=record.intro,
        body=record.body,
        category=record.category,
        tags=record.tags,
        date=record.date,
        url=record.url,
    )


def news_index(records: Iterable[NewsRecord], *, index: str | None = None) -> int:
    """Index these news pages into ``index`` (the alias by default); return how many."""
    documents = (news_document(r) for r in records)
    return _documents_index(documents, index or alias_name("news"))


def news_delete(page_ids: Iterable[int]) -> None:
    """Remove these pages from the news index (missing ones are ignored)."""
    _documents_delete(page_ids, alias_name("news"))


def news_search_elastic(
    text: str, *, page: int = 1, per_page: int = 10
) -> tuple[int, list[NewsHit]]:
    """Answer a news search from Elasticsearch: (total, hits)."""
    try:
        response = (
            news_search_build(text, page=page, per_page=per_page)
            .using(_client())
            .execute()
        )
    except _ERRORS as exc:
        raise SearchUnavailable(str(exc)) from exc
    return news_results_read(response)


# Listings ------------------------------------------------------------------


def listing_document_id(kind: str, object_id: int) -> str:
    """Return a listing's document id: kinds share the index, not their ids."""
    return f"{kind}-{object_id}"


def listing_document(record: ListingRecord) -> ListingDocument:
    return ListingDocument(
        meta={"id": listing_document_id(record.kind, record.object_id)},
        kind=record.kind,
        object_id=record.object_id,
        scope=record.scope,
        title=record.title,
        text=record.text,
        date=record.date,
        url=record.url,
    )


def listings_index(
    records: Iterable[ListingRecord], *, index: str | None = None
) -> int:
    """Index these listings into ``index`` (the alias by default); return how many."""
    documents = (listing_document(r) for r in records)
    return _documents_index(documents, index or alias_name("listings"))


def listings_delete(*, kind: str, object_ids: Iterable[int]) -> None:
    """Remove these listings of ``kind`` (missing ones are ignored)."""
    _documents_delete(
        (listing_document_id(kind, pk) for pk in object_ids), alias_name("listings")
    )


def listing_search_elastic(
    *, kind: str | None, scope: str, text: str
) -> list[tuple[str, int]]:
    """Answer a listing search from Elasticsearch: (kind, object id), best first."""
    try:
        response = (
            listing_search_build(kind=kind, scope=scope, text=text)
            .using(_client())
            .execute()
        )
    except _ERRORS as exc:
        raise SearchUnavailable(str(exc)) from exc
    return listing_results_read(response)
