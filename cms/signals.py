"""Drop the page cache whenever what readers see changes."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import page_cache_clear


def _clear(sender, **kwargs):
    page_cache_clear()


def connect() -> None:
    page_published.connect(_clear, dispatch_uid="cms-cache-published")
    page_unpublished.connect(_clear, dispatch_uid="cms-cache-unpublished")
    post_page_move.connect(_clear, dispatch_uid="cms-cache-moved")
    post_delete.connect(_clear, sender=Page, dispatch_uid="cms-cache-deleted")
