"""Enqueue reindexing when something a search shows changes, after commit.

Receivers only collect product ids and enqueue the task once the
transaction commits; the work itself is in ``indexing.py``.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from .indexing import news_index_update, product_index_update
from .records import is_news_page, news_page_models


def _enqueue(product_ids) -> None:
    ids = sorted({pk for pk in product_ids if pk})
    if ids:
        transaction.on_commit(lambda: product_index_update.enqueue(ids))


def _product_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        _enqueue([instance.pk])


def _related_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        _enqueue([instance.product_id])


def _cooperative_changed(sender, instance, **kwargs):
    # A cooperative's name, province or approval shows on all its products.
    if not kwargs.get("raw"):
        _enqueue(instance.listings.values_list("product_id", flat=True))


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
    models = news_page_models()
    if not models:
        return
    ids = list(
        instance.get_descendants(inclusive=True)
        .type(*models)
        .values_list("pk", flat=True)
    )
    if ids:
        transaction.on_commit(lambda: news_index_update.enqueue(ids))


def connect() -> None:
    """Connect the receivers (called once from the app's ready())."""
    product = apps.get_model("catalogue", "Product")
    for signal in (post_save, post_delete):
        signal.connect(
            _product_changed,
            sender=product,
            dispatch_uid=f"htx-search-product-{signal}",
        )
        for label in (
            "partner.StockRecord",
            "catalogue.ProductCategory",
            "catalogue.ProductImage",
            "cooperatives.OcopCertificate",
            "cooperatives.ProductListing",
        ):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            signal.connect(
                _related_changed,
                sender=model,
                dispatch_uid=f"htx-search-{label}-{signal}",
            )
    # Wagtail sends these with the specific page class as sender.
    page_published.connect(_news_changed, dispatch_uid="htx-search-news-published")
    page_unpublished.connect(_news_changed, dispatch_uid="htx-search-news-unpublished")
    post_page_move.connect(_news_moved, dispatch_uid="htx-search-news-moved")
    page_slug_changed.connect(_news_moved, dispatch_uid="htx-search-news-slug")
    for model in news_page_models():
        post_delete.connect(
            _news_changed,
            sender=model,
            dispatch_uid=f"htx-search-news-deleted-{model._meta.label_lower}",
        )
    try:
        cooperative = apps.get_model("cooperatives", "Cooperative")
    except LookupError:
        return
    post_save.connect(
        _cooperative_changed, sender=cooperative, dispatch_uid="htx-search-cooperative"
    )
