"""The store's pages in the shared page cache (marketplace/pagecache).

Anonymous visitors get the catalogue, categories, product pages, the
cooperatives' directory and storefronts, search results and the type-ahead
from the cache. Every write to a model of the store's apps (products, stock
and prices, images, categories, cooperatives and their listings and OCOP
certificates, reviews, offers, shipping) bumps the "store" version, so the
next request on any worker renders the change; certificates that expire at
midnight are handled by the date in every key. Search pages also follow the
search index's own version (bumped by every index write, which may come after
the commit, from the task worker).

Query writes that skip the signals (``QuerySet.update()``, ``bulk_create()``)
must call ``store_changed()`` themselves.
"""

from django import forms

from marketplace.pagecache.invalidation import bump_on_writes
from marketplace.pagecache.registry import page_cache_register
from marketplace.pagecache.versions import versions_bump

STORE = "store"
#: The apps whose rows the store's pages show.
STORE_APPS = frozenset(
    {"catalogue", "partner", "cooperatives", "reviews", "offer", "shipping"}
)
CATALOGUE_PARAMS = ("sort", "stars", "page")


def store_changed() -> None:
    """Make every store page be rendered anew, on every worker."""
    versions_bump(STORE)


def connect() -> None:
    """Bump the store's version on every write to one of its apps' models."""
    bump_on_writes(STORE, app_labels=STORE_APPS)


def register() -> None:
    """Register the store's public views with the page cache."""
    from catalog.cooperatives.forms import DirectoryFilterForm

    from .search_views import ProductSearchForm

    for name in ("shop-home", "catalogue:index", "catalogue:category"):
        page_cache_register(name, namespaces=(STORE,), params=CATALOGUE_PARAMS)
    page_cache_register("catalogue:detail", namespaces=(STORE,))
    page_cache_register(
        "cooperatives:directory",
        namespaces=(STORE,),
        params=(*DirectoryFilterForm.base_fields, "page"),
    )
    page_cache_register("cooperatives:detail", namespaces=(STORE,), params=("page",))
    search_fields = ProductSearchForm.base_fields
    page_cache_register(
        "product-search",
        namespaces=(STORE, "portal", "search"),
        params=search_fields,
        multi=[
            name
            for name, field in search_fields.items()
            if isinstance(field, forms.MultipleChoiceField)
        ],
    )
    page_cache_register(
        "product-suggestions", namespaces=(STORE, "search"), params=("q",)
    )
