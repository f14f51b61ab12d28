"""Reindex a conference's offers and requests in search when what they show changes.

An offer or request saved or deleted, a participant saved (approval,
rejection, a new name or province: all its rows), and a product renamed
(the offers of it) feed the records of ``search.py``. The receivers only
collect ids and enqueue search's indexing task once the transaction
commits; the task finds out whether a row is still indexable.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from marketplace.search.indexing import listing_index_update

from .models import Offer, Participant, Want
from .search import OFFER, WANT


def _enqueue(kind: str, ids) -> None:
    ids = sorted({pk for pk in ids if pk})
    if ids:
        transaction.on_commit(lambda: listing_index_update.enqueue(kind, ids))


def _offer_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        _enqueue(OFFER, [instance.pk])


def _want_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        _enqueue(WANT, [instance.pk])


def _participant_changed(sender, instance, **kwargs):
    # Approval decides whether its rows are indexable; its name and province
    # are in their text.
    if not kwargs.get("raw"):
        _enqueue(OFFER, instance.offers.values_list("pk", flat=True))
        _enqueue(WANT, instance.wants.values_list("pk", flat=True))


def _product_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        _enqueue(
            OFFER, Offer.objects.filter(product=instance).values_list("pk", flat=True)
        )


def connect() -> None:
    """Connect the receivers (called once from the app's ready())."""
    for signal in (post_save, post_delete):
        signal.connect(
            _offer_changed, sender=Offer, dispatch_uid=f"htx-search-offer-{signal}"
        )
        signal.connect(
            _want_changed, sender=Want, dispatch_uid=f"htx-search-want-{signal}"
        )
    post_save.connect(
        _participant_changed,
        sender=Participant,
        dispatch_uid="htx-search-participant",
    )
    post_save.connect(
        _product_changed,
        sender=apps.get_model("catalogue", "Product"),
        dispatch_uid="htx-search-offer-product",
    )
