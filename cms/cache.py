"""A cache of the rendered pages, for anonymous readers.

A page served by Wagtail is stored once rendered, keyed by site generation,
language, host and path; the next anonymous reader gets it without routing,
querying or rendering. Publishing, unpublishing, moving or deleting any page
bumps the generation, so every cached page is dropped at once: the home page,
the indexes, archives and feeds all list what was just published. Figures
from other modules (featured products, conference outcomes) are kept at most
``CMS_PAGE_CACHE_SECONDS``.

The CSRF token of the language switch is stored as a placeholder and filled
in per request, so a cached page never carries another reader's token. The
same goes for the Content-Security-Policy nonce of inline scripts
(``{{ request.csp_nonce }}``): the page is stored with a placeholder and each
reader's response carries its own nonce, the one in its header.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language
from wagtail import views as wagtail_views

CSRF_PLACEHOLDER = "__cms_csrf_token__"
NONCE_PLACEHOLDER = "__cms_csp_nonce__"
_GENERATION_KEY = "cms:page-cache:generation"
#: Query parameters a cached page may vary on; any other skips the cache.
_CACHED_PARAMS = {"page"}


def cache_seconds() -> int:
    return getattr(settings, "CMS_PAGE_CACHE_SECONDS", 300)


def page_cache_clear() -> None:
    """Drop every cached page (by moving on to a new generation)."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, None)


def _generation() -> int:
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(_GENERATION_KEY, generation, None)
    return generation


def _cacheable_request(request) -> bool:
    return (
        cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
        and set(request.GET) <= _CACHED_PARAMS
    )


def _key(request) -> str:
    return ":".join(
        [
            "cms:page",
            str(_generation()),
            get_language() or "",
            request.get_host(),
            request.get_full_path(),
        ]
    )


def _with_token(request, content: bytes) -> bytes:
    """Fill in this reader's CSRF token and CSP nonce."""
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(
            CSRF_PLACEHOLDER.encode(), get_token(request).encode()
        )
    if NONCE_PLACEHOLDER.encode() in content:
        # Reading request.csp_nonce makes the CSP middleware (outside this
        # one) put the same nonce in the header.
        content = content.replace(
            NONCE_PLACEHOLDER.encode(), str(request.csp_nonce).encode()
        )
    return content


def _without_nonce(request, content: bytes) -> bytes:
    """Return ``content`` with the nonce this render used as a placeholder."""
    # django-csp's lazy nonce is falsy until a template has read it.
    nonce = getattr(request, "csp_nonce", None)
    if not nonce:
        return content
    return content.replace(str(nonce).encode(), NONCE_PLACEHOLDER.encode())


class PageCacheMiddleware:
    """Serve Wagtail pages to anonymous readers from the cache.

    Put it after the session, locale, authentication and message middleware:
    it needs the language and the user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_cms_cache_key", None)
        if (
            key is not None
            and getattr(request, "_cms_page_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(
                key,
                (
                    _without_nonce(request, response.content),
                    response.get("Content-Type"),
                ),
                cache_seconds(),
            )
        if key is not None and not response.streaming:
            response.content = _with_token(request, response.content)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or not _cacheable_request(request):
            return None
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(
                _with_token(request, content), content_type=content_type
            )
            response["X-Page-Cache"] = "hit"
            return response
        request._cms_cache_key = key
        return None


def mark_cacheable(page, request) -> None:
    """Let the middleware store this page's response (public pages only)."""
    if getattr(request, "_cms_cache_key", None) is None:
        return
    if page.get_view_restrictions().exists():
        return
    request._cms_page_cacheable = True


def template_context(request) -> dict:
    """Return context that keeps per-reader values out of a cached page."""
    if getattr(request, "_cms_cache_key", None) is None:
        return {}
    return {"csrf_token": CSRF_PLACEHOLDER}
