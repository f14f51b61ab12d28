"""The news site's pages in the shared page cache (marketplace/pagecache).

Wagtail's pages are served to anonymous readers from the cache. They show
pages, products and cooperatives (featured on the home page), conference
outcomes from the agreements register and the matchmaking funnel, so they
depend on the "portal", "store", "agreements" and "matchmaking" versions:
a change to any of them is seen by the next reader. Publishing, unpublishing,
moving or deleting a page bumps "portal" (signals.py). Only public pages are
kept: a page with a view restriction never is.
"""

from marketplace.pagecache.middleware import page_cache_allow, page_cache_storing
from marketplace.pagecache.registry import page_cache_register
from marketplace.pagecache.versions import versions_bump

PORTAL = "portal"


def page_cache_clear() -> None:
    """Drop every cached page of the news site (the portal's version moves on)."""
    versions_bump(PORTAL)


def register() -> None:
    # A Wagtail page (a routable one) may read any parameter: one it does
    # not expect makes the request skip the cache.
    page_cache_register(
        "wagtail_serve",
        namespaces=(PORTAL, "store", "agreements", "matchmaking"),
        params={"page"},
        unknown="skip",
        needs_allow=True,
    )


def mark_cacheable(page, request) -> None:
    """Let the cache keep this page's response (public pages only)."""
    if not page_cache_storing(request):
        return
    if page.get_view_restrictions().exists():
        return
    page_cache_allow(request)
