"""Serve registered pages to anonymous visitors and buyers from the shared cache.

Put it after the session, locale, authentication, message and basket
middleware (it needs the language, the user, the messages and the basket)
and inside the CSP middleware (which writes the nonce the page is filled
with into the header).
"""

import hashlib
import zlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.translation import get_language

from .parts import fill, without_nonce
from .registry import CachedView, cached_view_for
from .versions import versions_get

#: Headers a view sets that belong to the page (the others are per response).
_KEPT_HEADERS = ("Content-Type", "X-Robots-Tag", "Link")


def cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def page_cache_allow(request: HttpRequest) -> None:
    """Let the cache keep this response (views registered ``needs_allow``)."""
    request._page_cache_allowed = True


def page_cache_skip(request: HttpRequest) -> None:
    """Keep this response out of the cache (it shows something per visitor)."""
    request._page_cache_skipped = True


def page_cache_storing(request: HttpRequest) -> bool:
    """Return whether this request's page will be stored for every visitor."""
    return getattr(request, "_page_cache_key", None) is not None


def page_cache_audience(request: HttpRequest) -> str | None:
    """Return whom the page being stored is for ("anonymous", "signed-in")."""
    return getattr(request, "_page_cache_audience", None)


def query_normalise(query: QueryDict, view: CachedView) -> QueryDict | None:
    """Return the parameters the view reads, in one order; None to skip.

    Empty values are dropped, a single-valued parameter keeps its last value
    (the one ``QueryDict.get`` returns), a set's values are sorted.
    """
    if view.unknown == "skip" and not set(query) <= view.params:
        return None
    normal = QueryDict(mutable=True)
    for name in sorted(view.params & set(query)):
        values = [value for value in query.getlist(name) if value != ""]
        if not values:
            continue
        normal.setlist(name, sorted(set(values)) if name in view.multi else values[-1:])
    normal._mutable = False
    return normal


def audience(request: HttpRequest) -> str | None:
    """Return whom this request's page is shared with, or None (per user).

    Anonymous visitors share pages; so do signed-in users without any
    permission (buyers), whose pages differ only in parts filled per request
    (the account menu is the same for all of them). Staff, cooperatives and
    editors see links and controls by permission: their pages are rendered
    for them.
    """
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    if user.is_staff or user.is_superuser or user.get_all_permissions():
        return None
    return "signed-in"


def _key(request: HttpRequest, view: CachedView, audience: str) -> str:
    versions = versions_get(view.namespaces)
    parts = [
        audience,
        *(f"{name}={versions[name]}" for name in view.namespaces),
        # What is valid today (OCOP certificates) changes at midnight.
        timezone.localdate().isoformat(),
        get_language() or "",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    ]
    digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False)
    return f"pagecache:page:{digest.hexdigest()}"


def _storable(request: HttpRequest, view: CachedView, response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
        and not getattr(request, "_page_cache_skipped", False)
        and (not view.needs_allow or getattr(request, "_page_cache_allowed", False))
    )


class PageCacheMiddleware:
    """Serve and store the pages of registered views for anonymous GETs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is None or response.streaming:
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _storable(request, request._page_cache_view, response):
            headers = {h: response[h] for h in _KEPT_HEADERS if h in response}
            # Compressed: a page is a tenth of its size, in Redis and in each
            # process's memory alike (searches make many entries).
            content = zlib.compress(without_nonce(request, response.content), 6)
            cache.set(key, (content, headers), cache_seconds())
            response["X-Page-Cache"] = "miss"
        response.content = fill(request, response.content)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        view = cached_view_for(request)
        if view is None or cache_seconds() <= 0 or request.method != "GET":
            return None
        shared_with = audience(request)
        if shared_with is None:
            return None
        query = query_normalise(request.GET, view)
        if query is None:
            return None
        # The view sees only the normalised parameters, so the page it renders
        # is the one every equivalent URL is served.
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()
        key = _key(request, view, shared_with)
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(fill(request, zlib.decompress(content)))
            for header, value in headers.items():
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return response
        request._page_cache_key = key
        request._page_cache_view = view
        request._page_cache_audience = shared_with
        return None
