"""The news site's URLs outside the page tree: feeds, sitemap.xml, robots.txt."""

from django.urls import path
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap

from catalog.catalogue.sitemaps import CooperativeSitemap, ProductSitemap

from . import feeds, views

#: sitemap.xml: Wagtail's live public pages, then the store's public products
#: and storefronts.
SITEMAPS = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "cooperatives": CooperativeSitemap,
}

urlpatterns = [
    path("feeds/news.rss", feeds.NewsFeed(), name="cms-feed-rss"),
    path("feeds/news.atom", feeds.AtomNewsFeed(), name="cms-feed-atom"),
    path(
        "feeds/news/<slug:category_slug>.rss",
        feeds.NewsFeed(),
        name="cms-category-feed-rss",
    ),
    path(
        "feeds/news/<slug:category_slug>.atom",
        feeds.AtomNewsFeed(),
        name="cms-category-feed-atom",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]
