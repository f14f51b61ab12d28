"""The news index of the database backend: one folded row per public news page.

Writing replaces a page's ``NewsSearchEntry``; a search matches every word
of the query, whatever the accents, and ranks a title that starts with or
contains the query first.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator

from ..models import NewsSearchEntry
from ..query import NewsHit
from ..records import NewsRecord
from .text import (
    TS_CONFIG,
    fold_for_index,
    folded_match,
    highlight,
    query_words,
    title_bonus,
)

#: Characters of an intro shown (and highlighted) in the results.
INTRO_LENGTH = 300


@transaction.atomic
def news_entries_write(records: list[NewsRecord]) -> None:
    """Insert or replace the index rows of these news pages."""
    ids = [r.page_id for r in records]
    NewsSearchEntry.objects.filter(pk__in=ids).delete()
    NewsSearchEntry.objects.bulk_create(
        [
            NewsSearchEntry(
                page_id=r.page_id,
                title=r.title,
                folded_title=fold_for_index(r.title),
                intro=r.intro,
                folded_text=fold_for_index(r.title, r.intro, r.body, *r.tags),
                category=r.category,
                date=r.date or timezone.localdate(),
                url=r.url,
            )
            for r in records
        ]
    )
    if connection.vendor == "postgresql" and ids:
        NewsSearchEntry.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("title", weight="A", config=TS_CONFIG)
            + SearchVector("intro", weight="B", config=TS_CONFIG)
            + SearchVector("folded_text", weight="C", config=TS_CONFIG)
        )


def news_entries_delete(page_ids: list[int]) -> None:
    """Remove the index rows of these pages."""
    NewsSearchEntry.objects.filter(pk__in=page_ids).delete()


def news_search_database(
    text: str, *, page: int = 1, per_page: int = 10
) -> tuple[int, list[NewsHit]]:
    """Return (total, hits) of the news pages matching every word of ``text``.

    Two queries whatever the number of hits: the count and the page.
    """
    words = query_words(text)
    if not words:
        return 0, []
    entries = NewsSearchEntry.objects.all()
    bonus = title_bonus(words)
    if connection.vendor == "postgresql":
        search_query = SearchQuery(text, config=TS_CONFIG, search_type="plain")
        entries = entries.filter(search_vector=search_query)
        rank = SearchRank(F("search_vector"), search_query) + bonus
    else:
        condition, title_words = folded_match(words)
        entries = entries.filter(condition)
        rank = bonus + title_words
    total = entries.count()
    if not total:
        return 0, []
    start = (max(page, 1) - 1) * per_page
    rows = (
        entries.annotate(rank=rank)
        .order_by("-rank", "-date", "pk")
        .values("page_id", "title", "intro", "url", "date")[start : start + per_page]
    )
    return total, [
        NewsHit(
            page_id=row["page_id"],
            url=row["url"],
            date=row["date"],
            highlighted_title=highlight(row["title"], text),
            highlighted_intro=highlight(
                Truncator(row["intro"]).chars(INTRO_LENGTH), text
            ),
        )
        for row in rows
    ]
