"""The facet cells: exact after every kind of write, and the same counts as rows.

PostgreSQL only: the triggers that keep the cells, and the browse path that
reads them, exist there (other databases count rows).
"""

from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.search import facet_cells
from marketplace.search.database import products as database
from marketplace.search.database.text import query_words
from marketplace.search.indexing import products_reindex
from marketplace.search.models import (
    ProductFacetCell,
    ProductSearchCategory,
    ProductSearchEntry,
)
from marketplace.search.query import ProductQuery

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

KEYS = ("ocop_stars", "ocop_expires_on", "province_code", "price")


@pytest.fixture(autouse=True)
def _postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("the facet cells are kept by PostgreSQL triggers")


def _recount() -> Counter:
    """Return the cells as they should be: the rows grouped by facet keys."""
    expected = Counter()
    for entry in ProductSearchEntry.objects.values("cooperative_slug", *KEYS):
        keys = tuple(entry[k] for k in KEYS)
        expected[("p", "", "", *keys)] += 1
        expected[("c", entry["cooperative_slug"], "", *keys)] += 1
    for row in ProductSearchCategory.objects.values("slug", *KEYS):
        expected[("k", "", row["slug"], *(row[k] for k in KEYS))] += 1
    return expected


def _cells() -> Counter:
    """Return the cells the triggers kept (cells at 0 count for nothing)."""
    return Counter(
        {
            tuple(cell[:-1]): cell[-1]
            for cell in ProductFacetCell.objects.values_list(
                "grain", "cooperative_slug", "category_slug", *KEYS, "rows"
            )
            if cell[-1]
        }
    )


def test_facet_cells_equal_a_recount_after_every_kind_of_write(market):
    assert _cells() == _recount() != Counter()

    # Reindexing a changed price moves the product between cells.
    stockrecord = market["pomelo"].stockrecords.get()
    stockrecord.price = 600000
    stockrecord.save()
    products_reindex([market["pomelo"].pk])
    assert _cells() == _recount()

    # A second category: one more category cell row.
    ProductCategory.objects.create(
        product=market["coconut"], category=Category.objects.get(slug="trai-cay")
    )
    products_reindex([market["coconut"].pk])
    assert _cells() == _recount()

    # Rows written in bulk, not through entries_write.
    ProductSearchEntry.objects.filter(pk=market["honey3"].pk).update(
        price=90000, province_code=86
    )
    ProductSearchCategory.objects.filter(entry=market["honey3"].pk).update(
        price=90000, province_code=86
    )
    assert _cells() == _recount()

    # Removed from the index, then the product deleted (the cascade).
    database.entries_delete([market["honey4"].pk])
    assert _cells() == _recount()
    market["coconut"].delete()
    assert _cells() == _recount()
    assert ProductSearchEntry.objects.count() == 3


def test_rewriting_rows_with_the_same_keys_leaves_the_cells_alone(market):
    before = list(ProductFacetCell.objects.order_by("pk").values_list("pk", "rows"))

    ProductSearchEntry.objects.update(available=False)
    products_reindex([p.pk for p in market.values()])

    after = list(ProductFacetCell.objects.order_by("pk").values_list("pk", "rows"))
    assert after == before


def _browse_counts(query: ProductQuery, *, cells: bool):
    today = timezone.localdate()
    filters = database._facet_filters(query, today)
    rows, applied = database._browse_rows(
        ProductSearchEntry.objects.all(), query, filters
    )
    source = facet_cells.cell_source(query, filters, today) if cells else None
    return source, database._facet_counts(
        rows, filters, today, searched=False, applied=applied, cells=source
    )


P, C, K = "p", "c", "k"
EVERY_FACET = {
    "stars": P,
    "province": P,
    "cooperative": C,
    "category": K,
    "price": P,
    "total": P,
}


@pytest.mark.parametrize(
    ("query", "grains"),
    [
        (ProductQuery(), EVERY_FACET),
        (ProductQuery(stars=(4, 5), price_range="200k-500k"), EVERY_FACET),
        (ProductQuery(province_codes=(20,)), EVERY_FACET),
        (
            ProductQuery(cooperative_slugs=("htx-quang-lac",)),
            {"stars": C, "province": C, "cooperative": C, "price": C, "total": C},
        ),
        (
            ProductQuery(category_slugs=("mat-ong",), stars=(3, 4)),
            {"stars": K, "province": K, "category": K, "price": K, "total": K},
        ),
        # A product in both categories counts once: only the category
        # facet, which counts category rows, comes from the cells.
        (ProductQuery(category_slugs=("mat-ong", "trai-cay")), {"category": K}),
        (
            ProductQuery(
                category_slugs=("mat-ong",), cooperative_slugs=("htx-quoi-son",)
            ),
            {},
        ),
    ],
)
def test_browse_facets_from_the_cells_equal_the_counts_of_the_rows(
    market, query, grains
):
    coconut = market["coconut"]
    ProductCategory.objects.create(
        product=coconut, category=Category.objects.get(slug="trai-cay")
    )
    products_reindex([coconut.pk])

    source, from_cells = _browse_counts(query, cells=True)
    _, from_rows = _browse_counts(query, cells=False)

    assert (source.grains if source else {}) == grains
    assert from_cells == from_rows
    assert from_rows[1] > 0


def _typo_ids(text: str, *, scan: bool = False) -> set[int]:
    if scan:
        matched = ProductSearchEntry.objects.filter(
            folded_name__trigram_word_similar=" ".join(query_words(text))
        )
    else:
        matched = database._typo_match(text)
    return set(matched.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("text", "narrowed"),
    [
        # "buoi" and "da" are indexed words: they narrow the rows first.
        ("buoi da xnah", True),
        ("Bưởi da xnah", True),
        # No word is indexed: the trigram index scans every name.
        ("buoii", False),
    ],
)
def test_a_typo_finds_what_the_trigram_scan_of_every_name_finds(market, text, narrowed):
    sql = str(database._typo_match(text).query)

    assert ("@@" in sql) is narrowed
    assert _typo_ids(text) == _typo_ids(text, scan=True) == {market["pomelo"].pk}


@pytest.mark.parametrize(
    "query",
    [
        ProductQuery(category_slugs=("mat-ong", "trai-cay")),
        ProductQuery(category_slugs=("mat-ong", "trai-cay"), stars=(4,)),
        ProductQuery(category_slugs=("mat-ong",), province_codes=(20,)),
    ],
)
def test_chosen_categories_read_from_category_rows_count_each_product_once(
    market, query
):
    coconut = market["coconut"]
    ProductCategory.objects.create(
        product=coconut, category=Category.objects.get(slug="trai-cay")
    )
    products_reindex([coconut.pk])
    today = timezone.localdate()
    filters = database._facet_filters(query, today)

    rows, applied = database._browse_rows(
        ProductSearchEntry.objects.all(), query, filters
    )
    from_category_rows = database._facet_counts(
        rows, filters, today, searched=False, applied=applied
    )
    from_entries = database._facet_counts(
        ProductSearchEntry.objects.all(), filters, today, searched=False
    )

    assert rows.model is ProductSearchCategory
    assert from_category_rows == from_entries
    _, total, _ = from_entries
    hits = [h.product_id for h in database.product_search_database(query)[1]]
    assert total == len(hits) == len(set(hits)) > 0
