"""Reindex news pages in search when they are published, unpublished, moved or deleted.

The receivers only collect page ids and enqueue search's indexing task once
the transaction commits; the task finds out whether a page is still live
and public (``marketplace.search.indexing``).
"""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from marketplace.search.indexing import news_index_update

from .search_records import NEWS_PAGE_MODELS, is_news_page


def _news_changed(sender, instance, **kwargs):
    # Publish, unpublish and delete: the task finds out which it was (a page
    # no longer live and public leaves the index).
    if kwargs.get("raw") or not instance.pk or not is_news_page(instance):
        return
    ids = [instance.pk]
    transaction.on_commit(lambda: news_index_update.enqueue(ids))


def _news_moved(sender, instance, **kwargs):
    # A move or a new slug changes the URL of the page and of every page
    # below it: reindex the news pages among them.
    ids = list(
        instance.get_descendants(inclusive=True)
        .type(*NEWS_PAGE_MODELS)
        .values_list("pk", flat=True)
    )
    if ids:
        transaction.on_commit(lambda: news_index_update.enqueue(ids))


def connect() -> None:
    """Connect the receivers (called once from the app's ready())."""
    # Wagtail sends these with the specific page class as sender.
    page_published.connect(_news_changed, dispatch_uid="htx-search-news-published")
    page_unpublished.connect(_news_changed, dispatch_uid="htx-search-news-unpublished")
    post_page_move.connect(_news_moved, dispatch_uid="htx-search-news-moved")
    page_slug_changed.connect(_news_moved, dispatch_uid="htx-search-news-slug")
    for model in NEWS_PAGE_MODELS:
        post_delete.connect(
            _news_changed,
            sender=model,
            dispatch_uid=f"htx-search-news-deleted-{model._meta.label_lower}",
        )
