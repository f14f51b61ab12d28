"""Keep Django's Site (used by Oscar) and Wagtail's Site on the configured host."""

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from wagtail.models import Page
from wagtail.models import Site as WagtailSite


def sites_configure(*, root_page: Page) -> WagtailSite:
    """Point both Site models at ``SITE_HOST``/``SITE_PORT`` and ``root_page``."""
    host, port = settings.SITE_HOST, settings.SITE_PORT
    domain = host if port in (80, 443) else f"{host}:{port}"
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "HTX Connect"}
    )
    site = WagtailSite.objects.filter(is_default_site=True).first()
    if site is None:
        site = WagtailSite(is_default_site=True)
    site.hostname = host
    site.port = port
    site.site_name = "HTX Connect"
    site.root_page = root_page
    site.save()
    return site
