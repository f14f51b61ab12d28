"""What search knows of a product, read from the catalogue in bulk.

The catalogue registers these builders with ``marketplace.search`` as its
product source (``register``, from the app's ready()), so both search
backends index the same facts: name, description, cooperative, province,
categories, OCOP stars and expiry, price, availability and date. Search
shows exactly the products the catalogue lists.
"""

from collections.abc import Collection, Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from marketplace.core.sql import in_values
from marketplace.search.records import ProductRecord
from marketplace.search.sources import product_source_register

from .selectors import product_list_browsable

Category = get_model("catalogue", "Category")
Cooperative = get_model("cooperatives", "Cooperative")


def indexable_products() -> QuerySet:
    """Return the products search may show: exactly those the catalogue lists."""
    return product_list_browsable().order_by()


def indexable_product_ids() -> QuerySet:
    """Return the ids of the products search may show."""
    return indexable_products().values_list("pk", flat=True)


def product_records(
    product_ids: Iterable[int] | None = None,
) -> Iterator[ProductRecord]:
    """Yield a record for each indexable product (of ``product_ids`` if given)."""
    queryset = (
        indexable_products()
        .select_related("listing__cooperative", "ocop_certificate")
        .prefetch_related(
            Prefetch(
                "categories", queryset=Category.objects.only("pk", "slug", "name")
            ),
            # The browsable queryset already prefetches stockrecords.
            "stockrecords__partner",
        )
    )
    if product_ids is not None:
        queryset = queryset.filter(pk__in=list(product_ids))
    for product in queryset.iterator(chunk_size=500):
        yield _record(product)


def _record(product) -> ProductRecord:
    listing = getattr(product, "listing", None)
    cooperative = getattr(listing, "cooperative", None) if listing else None
    certificate = getattr(product, "ocop_certificate", None)
    stockrecords = list(product.stockrecords.all())
    first = stockrecords[0] if stockrecords else None
    categories = list(product.categories.all())
    return ProductRecord(
        product_id=product.pk,
        name=product.title,
        description=strip_tags(product.description or ""),
        cooperative_name=(
            cooperative.name if cooperative else (first.partner.name if first else "")
        ),
        cooperative_slug=cooperative.slug if cooperative else "",
        province_code=cooperative.province_code if cooperative else None,
        category_slugs=[c.slug for c in categories],
        category_names=[c.name for c in categories],
        ocop_stars=certificate.stars if certificate else None,
        ocop_expires_on=certificate.expires_on if certificate else None,
        price=int(first.price) if first and first.price is not None else None,
        available=any(
            (s.num_in_stock or 0) - (s.num_allocated or 0) > 0 for s in stockrecords
        ),
        date=product.date_created,
        url=product.get_absolute_url(),
    )


#: The facets whose keys are slugs of these models, named by their ``name``.
_LABELLED = {"category": Category, "cooperative": Cooperative}


def facet_labels(facet: str, slugs: Collection[str]) -> dict[str, str]:
    """Return {slug: name} of a category or cooperative facet's keys.

    One indexed lookup, from the categories or cooperatives themselves.
    """
    model = _LABELLED.get(facet)
    if model is None:
        return {}
    return dict(
        model.objects.filter(slug__in=in_values(slugs, "text")).values_list(
            "slug", "name"
        )
    )


def register() -> None:
    """Register the catalogue as search's product source (from ready())."""
    product_source_register(
        indexable_ids=indexable_product_ids,
        records=product_records,
        facet_labels=facet_labels,
    )
