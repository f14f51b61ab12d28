"""Wagtail hooks of the news site."""

from wagtail import hooks

from .cache import mark_cacheable


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    """Let the page cache keep this response (it checks the page is public)."""
    mark_cacheable(page, request)
