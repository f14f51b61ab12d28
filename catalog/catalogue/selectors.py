"""Reads of the catalogue: what buyers can browse, straight from the database.

Oscar drives its browse pages through django-haystack; here they list
products with one query for the page and a fixed number of prefetches, so the
count does not grow with the number of products shown.
"""

from django.db.models import QuerySet
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

#: Sort orders a buyer can pick on the browse pages: key -> ORDER BY.
PRODUCT_SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-date_created", "-pk"),
    "title": ("title", "pk"),
    "priority": ("-priority", "-date_created", "-pk"),
}


def product_list_browsable(
    *, category: "Category | None" = None, sort: str = "priority"
) -> QuerySet:
    """Return the public, browsable products, ready to render as cards.

    With ``category``, only products in that category or one below it.
    """
    queryset = Product.objects.browsable().base_queryset()
    if category is not None:
        queryset = queryset.filter(
            categories__in=category.get_descendants_and_self()
        ).distinct()
    return queryset.order_by(*PRODUCT_SORTS.get(sort, PRODUCT_SORTS["priority"]))
