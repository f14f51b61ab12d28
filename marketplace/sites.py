"""Keep Django's Site (used by Oscar) and Wagtail's Site on the configured host."""

from django.apps import apps
from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from wagtail.models import Page
from wagtail.models import Site as WagtailSite

from cms.page_permissions import page_permissions_move


def sites_configure(*, root_page: Page) -> WagtailSite:
    """Point both Site models at ``SITE_HOST``/``SITE_PORT`` and ``root_page``.

    The editors' and moderators' page permissions follow the site's home
    (cms.page_permissions), from the tree root or the site's previous home.
    """
    host, port = settings.SITE_HOST, settings.SITE_PORT
    domain = host if port in (80, 443) else f"{host}:{port}"
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "HTX Connect"}
    )
    site = WagtailSite.objects.filter(is_default_site=True).first()
    if site is None:
        site = WagtailSite(is_default_site=True)
    previous_root_id = site.root_page_id
    site.hostname = host
    site.port = port
    site.site_name = "HTX Connect"
    site.root_page = root_page
    site.save()
    if not root_page.is_root():
        page_permissions_move(
            apps=apps,
            to_page_id=root_page.pk,
            from_page_ids=[Page.get_first_root_node().pk, previous_root_id],
        )
    return site
