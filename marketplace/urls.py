"""The URL map: the store under /shop/, Wagtail's admin at /cms/, pages at /."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from agreements import urls as agreement_urls
from catalog.catalogue import search_views as product_search_views
from catalog.catalogue import views as catalogue_views
from catalog.cooperatives import urls as cooperative_urls
from marketplace.search import views as search_views

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("bare/", views.bare, name="bare"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/payments/", include("marketplace.payments.urls")),
    path("shop/hop-tac-xa/", include("catalog.cooperatives.urls")),
    # One search page; the apps register its tabs (marketplace/search/tabs.py).
    path("shop/tim-kiem/", search_views.search_page, name="product-search"),
    path(
        "shop/tim-kiem/goi-y/",
        product_search_views.product_suggestions,
        name="product-suggestions",
    ),
    # The store's front page is the catalogue, served at /shop/ itself:
    # Oscar's own "home" there only redirects to OSCAR_HOMEPAGE (a loop).
    path("shop/", catalogue_views.CatalogueView.as_view(), name="shop-home"),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("agreements/", include("agreements.urls")),
    path("ket-noi/", include("matchmaking.urls")),
]

# Private files (agreement documents, delivery evidence, OCOP scans): each
# view checks that the viewer may see that object.
urlpatterns += [
    path(
        "files/",
        include(
            (
                agreement_urls.files_urlpatterns + cooperative_urls.files_urlpatterns,
                "files",
            )
        ),
    )
]

# Local media, in DEBUG too, through the view that never serves HTML or SVG.
if settings.MEDIA_URL.startswith("/"):
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            views.serve_media,
            name="media",
        )
    ]

# The news site's feeds, sitemap.xml and robots.txt.
urlpatterns += [path("", include("cms.urls"))]

# Wagtail's page tree answers every other path, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
