"""Reindex a product in search when something its search record shows changes.

A product, its stock records, categories, images, OCOP certificate and
listing, and its cooperative (name, province, approval) feed the record
(``search_records.py``). The receivers only collect product ids and enqueue
search's indexing task once the transaction commits; the work is in
``marketplace.search.indexing``.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from marketplace.search.indexing import product_index_update

#: Models whose rows carry a ``product_id`` that search shows.
PRODUCT_PARTS = (
    "partner.StockRecord",
    "catalogue.ProductCategory",
    "catalogue.ProductImage",
    "cooperatives.OcopCertificate",
    "cooperatives.ProductListing",
)


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


def connect() -> None:
    """Connect the receivers (called once from the app's ready())."""
    product = apps.get_model("catalogue", "Product")
    for signal in (post_save, post_delete):
        signal.connect(
            _product_changed,
            sender=product,
            dispatch_uid=f"htx-search-product-{signal}",
        )
        for label in PRODUCT_PARTS:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            signal.connect(
                _related_changed,
                sender=model,
                dispatch_uid=f"htx-search-{label}-{signal}",
            )
    try:
        cooperative = apps.get_model("cooperatives", "Cooperative")
    except LookupError:
        return
    post_save.connect(
        _cooperative_changed, sender=cooperative, dispatch_uid="htx-search-cooperative"
    )
