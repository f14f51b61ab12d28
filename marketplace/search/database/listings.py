"""The listings index of the database backend: one folded row per listing.

Writing replaces a listing's ``ListingSearchEntry``; a search reads one
scope (and kind), matches every word of the query at the start of a word
of the listing, whatever the accents ("chi la" finds "Na Chi Lăng": people
type listings' names as they browse a short list), and ranks a title that
starts with or contains the query first. On PostgreSQL the words match
through the htx_vi configuration on the GIN-indexed tsvector, as news does,
as prefixes (``word:*``); on SQLite as the start of a folded word.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F

from ..models import ListingSearchEntry
from ..records import ListingRecord
from .text import (
    TS_CONFIG,
    fold_for_index,
    folded_match,
    query_words,
    title_bonus,
)

#: At most this many hits: listings are short, scoped lists.
MAX_HITS = 1000


@transaction.atomic
def listing_entries_write(records: list[ListingRecord]) -> None:
    """Insert or replace the index rows of these listings."""
    if not records:
        return
    by_kind: dict[str, list[int]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record.object_id)
    for kind, object_ids in by_kind.items():
        listing_entries_delete(kind=kind, object_ids=object_ids)
    entries = ListingSearchEntry.objects.bulk_create(
        [
            ListingSearchEntry(
                kind=r.kind,
                object_id=r.object_id,
                scope=r.scope,
                title=r.title[:255],
                folded_title=fold_for_index(r.title)[:300],
                folded_text=fold_for_index(r.title, r.text),
                url=r.url,
                date=r.date,
            )
            for r in records
        ]
    )
    if connection.vendor == "postgresql":
        ListingSearchEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            search_vector=SearchVector("title", weight="A", config=TS_CONFIG)
            + SearchVector("folded_text", weight="B", config=TS_CONFIG)
        )


def listing_entries_delete(*, kind: str, object_ids: list[int]) -> None:
    """Remove the index rows of these listings of ``kind``."""
    ListingSearchEntry.objects.filter(kind=kind, object_id__in=object_ids).delete()


def listing_search_database(
    *, kind: str | None, scope: str, text: str
) -> list[tuple[str, int]]:
    """Return (kind, object id) of the scope's listings matching every word
    of ``text``, best first (one query)."""
    words = query_words(text)
    if not words:
        return []
    entries = ListingSearchEntry.objects.filter(scope=scope)
    if kind:
        entries = entries.filter(kind=kind)
    bonus = title_bonus(words)
    if connection.vendor == "postgresql":
        # The words are \w+ runs already folded: safe as raw tsquery lexemes.
        search_query = SearchQuery(
            " & ".join(f"{word}:*" for word in words),
            config=TS_CONFIG,
            search_type="raw",
        )
        entries = entries.filter(search_vector=search_query)
        rank = SearchRank(F("search_vector"), search_query) + bonus
    else:
        condition, title_words = folded_match(words)
        entries = entries.filter(condition)
        rank = bonus + title_words
    rows = (
        entries.annotate(rank=rank)
        .order_by("-rank", F("date").desc(nulls_last=True), "kind", "object_id")
        .values_list("kind", "object_id")[:MAX_HITS]
    )
    return [(kind, object_id) for kind, object_id in rows]
