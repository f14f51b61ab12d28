"""Redirects that stay on this site.

A ``next`` parameter (or any URL a request brings) is followed only when it
points to this site: a path, or an absolute URL whose host is the request's
own host, with HTTPS required when the request itself came over HTTPS.
Anything else (``https://evil.example/``, ``//evil.example``, a
``javascript:`` URL) falls back to the view's default.
"""

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def url_is_safe(request: HttpRequest, url: str | None) -> bool:
    """Return True when ``url`` leads to this site."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def redirect_safe(
    request: HttpRequest, url: str | None, default
) -> HttpResponseRedirect:
    """Redirect to ``url`` when it leads to this site, otherwise to ``default``
    (a URL, a URL pattern name or a model with ``get_absolute_url``)."""
    if url_is_safe(request, url):
        # Never through resolve_url: a bare word would be reversed as a
        # pattern name and fail.
        return HttpResponseRedirect(url)
    return HttpResponseRedirect(resolve_url(default))


def redirect_next(
    request: HttpRequest, default, *, field: str = "next"
) -> HttpResponseRedirect:
    """Redirect to the request's ``next`` (POST first, then the query string)
    when it leads to this site, otherwise to ``default``."""
    url = request.POST.get(field) or request.GET.get(field)
    return redirect_safe(request, url, default)
