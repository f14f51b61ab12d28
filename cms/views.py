"""Views of the news site outside the page tree."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

#: Paths no crawler needs: accounts, basket, checkout, the admin sites.
ROBOTS_DISALLOW = [
    "/cms/",
    "/django-admin/",
    "/shop/accounts/",
    "/shop/basket/",
    "/shop/checkout/",
    "/shop/dashboard/",
    "/i18n/",
]


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Return robots.txt: what crawlers may skip, and where the sitemap is."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
