"""What search knows of a news page: title, intro, body text, category, tags, date, URL.

The news site registers these builders with ``marketplace.search`` as its
news source (``register``, from the app's ready()). Only live, public pages
of the kinds below are indexed.
"""

from collections.abc import Iterable, Iterator

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags

from marketplace.search.records import NewsRecord
from marketplace.search.sources import news_source_register

from .models import AnnouncementPage, ArticlePage, ReportPage

#: The page types news search shows.
NEWS_PAGE_MODELS = (ArticlePage, AnnouncementPage, ReportPage)


def is_news_page(page) -> bool:
    """Return whether ``page`` (specific or not) is of a kind news search shows."""
    # specific_class reads Django's content-type cache: no query.
    model = getattr(page, "specific_class", None) or type(page)
    return model in NEWS_PAGE_MODELS


def news_records(page_ids: Iterable[int] | None = None) -> Iterator[NewsRecord]:
    """Yield a record for each live, public news page (of ``page_ids`` if given).

    Drafts, unpublished pages and pages behind a view restriction yield none.
    """
    ids = None if page_ids is None else list(page_ids)
    for model in NEWS_PAGE_MODELS:
        queryset = model.objects.live().public().order_by("pk")
        if ids is not None:
            queryset = queryset.filter(pk__in=ids)
        if "tags" in {f.name for f in model._meta.get_fields()}:
            queryset = queryset.prefetch_related("tags")
        for page in queryset.iterator(chunk_size=200):
            yield _news_record(page)


def _searchable_text(page, name: str) -> str:
    try:
        model_field = page._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    value = getattr(page, name)
    if hasattr(model_field, "get_searchable_content"):
        # StreamField: the text of every block, as Wagtail's own index reads it.
        return " ".join(
            strip_tags(str(t)) for t in model_field.get_searchable_content(value)
        )
    return strip_tags(str(value or ""))


def _news_record(page) -> NewsRecord:
    category = getattr(page, "category", "") or getattr(page, "kind", "")
    if not category and page._meta.model_name == "reportpage":
        category = "report"
    tags = [t.name for t in page.tags.all()] if hasattr(page, "tags") else []
    return NewsRecord(
        page_id=page.pk,
        title=page.title,
        intro=(getattr(page, "intro", "") or getattr(page, "summary", "") or ""),
        body=_searchable_text(page, "body"),
        category=category,
        tags=tags,
        date=getattr(page, "date", None)
        or (page.first_published_at.date() if page.first_published_at else None),
        url=page.get_url() or "",
    )


def register() -> None:
    """Register the news site as search's news source (from ready())."""
    news_source_register(records=news_records)
