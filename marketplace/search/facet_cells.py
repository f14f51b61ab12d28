"""Facet counts of a browse (no text) summed from the facet cells.

Counting facets row by row over the whole catalogue reads tens of thousands
of rows per facet. The cells (``ProductFacetCell``, kept by triggers on
PostgreSQL) hold how many rows share each combination of facet keys, so a
facet is a sum over a few hundred cells instead. Each facet counts under
every filter but its own (disjunctive facets), and the cells answer it when
one grain holds every key involved:

- no cooperative or category key: the PRODUCTS grain;
- the cooperative (facet or filter): the COOPERATIVE grain;
- the category (facet or filter): the CATEGORY grain, when at most one
  category is chosen: a product in two chosen categories has a cell in
  each, and must count once.

No grain holds both a cooperative and a category: such a facet is counted
from the rows, as are all facets of a search with text (few rows) and all
facets on databases without the triggers.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q

from .models import ProductFacetCell
from .query import ProductQuery, price_band

Grain = ProductFacetCell.Grain

#: What a facet query counts: every facet, and the total.
COUNTED = ("stars", "province", "cooperative", "category", "price", "total")


@dataclass(frozen=True)
class CellSource:
    """The cells as a flagged row source, and the grain answering each facet."""

    #: SELECT of the cells with their keys, the price band (``band``) and
    #: one boolean column ``f_<filter>`` per active filter, as the rows have.
    sql: str
    params: tuple
    #: facet -> grain, for the facets the cells answer.
    grains: dict[str, str]


def cell_source(
    query: ProductQuery, filters: dict[str, Q], today: datetime.date
) -> CellSource | None:
    """Return the cells to count this browse's facets from, or None."""
    if connection.vendor != "postgresql":
        return None
    grains = {
        facet: grain
        for facet in COUNTED
        if (grain := _grain(facet, [f for f in filters if f != facet], query))
    }
    if not grains:
        return None
    cell_filters = dict(filters)
    if "category" in filters:
        # The entries' filter is a subquery on category rows; the cells
        # carry the slug.
        cell_filters["category"] = Q(category_slug__in=list(query.category_slugs))
    flags = {
        f"f_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in cell_filters.items()
    }
    cells = ProductFacetCell.objects.annotate(**flags, band=price_band()).values(
        "grain",
        "cooperative_slug",
        "category_slug",
        "ocop_stars",
        "ocop_expires_on",
        "province_code",
        "price",
        "band",
        "rows",
        *flags,
    )
    sql, params = cells.query.sql_with_params()
    return CellSource(sql=sql, params=tuple(params), grains=grains)


def _grain(facet: str, others: list[str], query: ProductQuery) -> str | None:
    """Return the grain holding every key ``facet`` needs, or None."""
    by_cooperative = facet == "cooperative" or "cooperative" in others
    by_category = facet == "category" or "category" in others
    if by_cooperative and by_category:
        return None
    if "category" in others and len(query.category_slugs) > 1:
        return None
    if by_cooperative:
        return Grain.COOPERATIVE
    if by_category:
        return Grain.CATEGORY
    return Grain.PRODUCTS
