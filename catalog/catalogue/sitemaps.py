"""sitemap.xml sections of the store: buyable products and approved storefronts.

Listed next to Wagtail's pages (cms/urls.py). Only what an anonymous visitor
can open: the products the catalogue lists (public, with their cooperative
approved) and the approved cooperatives. Each section is one query, whatever
its size.
"""

from django.contrib.sitemaps import Sitemap

from catalog.cooperatives.models import Cooperative

from .selectors import product_list_browsable


class ProductSitemap(Sitemap):
    """The public products, each with the time it last changed."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        # The catalogue's own rule, without what its cards need to show.
        return (
            product_list_browsable()
            .select_related(None)
            .prefetch_related(None)
            .only("pk", "slug", "date_updated")
            .order_by("pk")
        )

    def lastmod(self, product):
        return product.date_updated


class CooperativeSitemap(Sitemap):
    """The approved cooperatives' storefronts."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            Cooperative.objects.approved().only("slug", "date_updated").order_by("pk")
        )

    def lastmod(self, cooperative):
        return cooperative.date_updated
