"""Wagtail hooks of the news site."""

from wagtail import hooks

from .cache import mark_cacheable


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    """Let the page cache keep this response (it checks the page is public)."""
    mark_cacheable(page, request)


@hooks.register("construct_help_menu")
def help_menu_without_release_notes(request, menu_items):
    """Drop "What's new in Wagtail": release notes for developers, in English.

    The editor guide stays (labelled as English): editors do use it.
    """
    menu_items[:] = [
        item for item in menu_items if not item.name.startswith("whats-new-in-wagtail")
    ]
