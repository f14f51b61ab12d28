"""Move the news site's page-cache version on whenever what readers see changes."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import page_cache_clear

#: Rows outside the page tree that public pages show or that decide who may
#: see them: images and documents (their titles, files, focal points), sites,
#: view restrictions.
_SHOWN_MODELS = (
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
)


def _clear(sender, **kwargs):
    page_cache_clear()


def connect() -> None:
    page_published.connect(_clear, dispatch_uid="cms-cache-published")
    page_unpublished.connect(_clear, dispatch_uid="cms-cache-unpublished")
    post_page_move.connect(_clear, dispatch_uid="cms-cache-moved")
    post_delete.connect(_clear, sender=Page, dispatch_uid="cms-cache-deleted")
    for label in _SHOWN_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                _clear, sender=model, dispatch_uid=f"cms-cache-{label}-{signal}"
            )
