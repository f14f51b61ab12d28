"""Reads of the catalogue: what buyers can browse, straight from the database.

Oscar drives its browse pages through django-haystack; here they list
products with one query for the page and a fixed number of prefetches, so the
count does not grow with the number of products shown.
"""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from oscar.core.loading import get_model

from catalog.cooperatives.models import ApprovalStatus
from marketplace.core.ocop import ocop_in_force

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

#: Sort orders a buyer can pick on the browse pages: key -> ORDER BY.
PRODUCT_SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-date_created", "-pk"),
    "title": ("title", "pk"),
    "priority": ("-priority", "-date_created", "-pk"),
}

#: The OCOP ratings a buyer can filter by.
OCOP_STARS = (3, 4, 5)


def _publicly_sold() -> Q:
    """Match products with no listing, or listed by an approved cooperative."""
    return Q(listing__isnull=True) | Q(
        listing__cooperative__status=ApprovalStatus.APPROVED
    )


def product_list_ready(queryset: QuerySet) -> QuerySet:
    """Return ``queryset`` with what a product card shows, in a fixed number of queries.

    The card shows the primary image, the price (stock records), the OCOP
    badge and the cooperative's name. Whether a product has options comes
    from Oscar's two EXISTS annotations. Oscar's ``base_queryset`` also
    prefetches children and options: no card reads those (a parent's price
    and the basket form's options are queries of their own), and building
    them cost a third of a warm catalogue page.
    """
    Option = get_model("catalogue", "Option")
    return (
        queryset.select_related(
            "product_class", "ocop_certificate", "listing__cooperative"
        )
        .annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(None)
        .prefetch_related("stockrecords", "images")
    )


def _ocop_in_force(today: datetime.date | None) -> Q:
    return ocop_in_force(
        on=today,
        stars="ocop_certificate__stars",
        expires_on="ocop_certificate__expires_on",
    )


def product_list_browsable(
    *,
    category: "Category | None" = None,
    sort: str = "priority",
    stars: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet:
    """Return the public, browsable products, ready to render as cards.

    With ``category``, only products in that category or one below it; with
    ``stars``, only products whose OCOP certificate of that rating is valid.
    """
    queryset = Product.objects.browsable().filter(_publicly_sold())
    if category is not None:
        queryset = queryset.filter(
            categories__in=category.get_descendants_and_self()
        ).distinct()
    if stars is not None:
        queryset = queryset.filter(_ocop_in_force(today), ocop_certificate__stars=stars)
    queryset = product_list_ready(queryset)
    return queryset.order_by(*PRODUCT_SORTS.get(sort, PRODUCT_SORTS["priority"]))


def product_list_featured_ocop(
    *, limit: int = 8, today: datetime.date | None = None
) -> list:
    """Return up to ``limit`` public products with a valid OCOP certificate.

    Highest stars first, then the most recently certified; list-ready (image,
    price, badge and cooperative prefetched).
    """
    queryset = product_list_browsable(today=today).filter(_ocop_in_force(today))
    return list(
        queryset.order_by(
            "-ocop_certificate__stars", "-ocop_certificate__issued_on", "pk"
        )[:limit]
    )


def product_get_detail_queryset(*, include_hidden: bool = False) -> QuerySet:
    """Return the products a product page may show, with listing and certificate.

    Staff also see products that are not public yet (to moderate them).
    """
    # The card's reads are the page's too (images, stock records, certificate,
    # cooperative); a parent's variants are a query of their own.
    queryset = product_list_ready(Product.objects.all())
    if include_hidden:
        return queryset
    return queryset.filter(_publicly_sold(), is_public=True)
