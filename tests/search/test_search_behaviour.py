"""The search page and the database backend: facets, filters, sync, fallback."""

import datetime
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.search.database import products as database
from marketplace.search.indexing import products_reindex
from marketplace.search.models import ProductSearchEntry
from marketplace.search.query import ProductQuery
from tests.factories.cooperatives import (
    listed_product_create,
)

pytestmark = pytest.mark.django_db
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")


def _ids(query: ProductQuery) -> set[int]:
    _, hits, _ = database.product_search_database(query)
    return {h.product_id for h in hits}


def test_every_filter_applied_returns_exactly_the_expected_products(market):
    query = ProductQuery(
        text="mat ong",
        stars=(4,),
        province_codes=(20,),
        category_slugs=("mat-ong",),
        cooperative_slugs=("htx-quang-lac",),
        price_range="200k-500k",
    )

    assert _ids(query) == {market["honey4"].pk}


@pytest.mark.parametrize(
    "base",
    [ProductQuery(), ProductQuery(text="mat"), ProductQuery(province_codes=(20,))],
)
def test_facet_counts_equal_the_counts_of_the_filtered_result(market, base):
    _, _, counts = database.product_search_database(base)

    for facet, values in counts.items():
        for key, count in values.items():
            narrowed = {
                "stars": lambda k: {"stars": (int(k),)},
                "province": lambda k: {"province_codes": (int(k),)},
                "category": lambda k: {"category_slugs": (k,)},
                "cooperative": lambda k: {"cooperative_slugs": (k,)},
                "price": lambda k: {"price_range": k},
            }[facet](key)
            query = ProductQuery(**{**base.__dict__, **narrowed})
            total, _, _ = database.product_search_database(query)
            assert total == count, (facet, key)


@pytest.mark.parametrize(
    "base",
    [ProductQuery(), ProductQuery(text="mat"), ProductQuery(price_range="100k-200k")],
)
def test_product_in_two_categories_counts_in_each_as_the_filter_finds_it(market, base):
    coconut = market["coconut"]
    ProductCategory.objects.create(
        product=coconut, category=Category.objects.get(slug="trai-cay")
    )
    products_reindex([coconut.pk])

    _, _, counts = database.product_search_database(base)

    for slug in ("mat-ong", "trai-cay"):
        narrowed = ProductQuery(**{**base.__dict__, "category_slugs": (slug,)})
        total, _, _ = database.product_search_database(narrowed)
        assert counts["category"][slug] == total, slug
        assert coconut.pk in _ids(narrowed), slug


def _browse_queries(query: ProductQuery) -> int:
    with CaptureQueriesContext(connection) as captured:
        database.product_search_database(query)
    return len(captured.captured_queries)


def test_browsing_the_same_filters_again_reads_the_facet_counts_from_the_cache(
    market,
):
    query = ProductQuery(province_codes=(20,))

    first = _browse_queries(query)
    again = _browse_queries(query)

    # The facet query is skipped; the version and the page are still read.
    assert again == first - 1
    assert (
        database.product_search_database(query)[2]
        == database._facet_counts(
            ProductSearchEntry.objects.all(),
            database._facet_filters(query, timezone.localdate()),
            timezone.localdate(),
            searched=False,
        )[2]
    )


def test_reindexing_changes_the_browse_facet_counts_at_once(market):
    _, _, before = database.product_search_database(ProductQuery())
    stockrecord = market["pomelo"].stockrecords.get()
    stockrecord.price = 600000
    stockrecord.save()

    products_reindex([market["pomelo"].pk])
    _, _, after = database.product_search_database(ProductQuery())

    assert after["price"]["500k-plus"] == before["price"]["500k-plus"] + 1
    assert after["price"]["50k-100k"] == before["price"]["50k-100k"] - 1


def test_a_sale_keeps_the_browse_facet_counts_cached_a_new_price_does_not(market):
    pomelo = market["pomelo"]
    stockrecord = pomelo.stockrecords.get()
    version = database.index_version()

    stockrecord.num_in_stock = 0
    stockrecord.save()
    products_reindex([pomelo.pk])
    assert database.index_version() == version
    assert ProductSearchEntry.objects.get(pk=pomelo.pk).available is False

    stockrecord.price = 70000
    stockrecord.save()
    products_reindex([pomelo.pk])
    assert database.index_version() != version


def test_removing_a_product_changes_the_browse_facet_counts_at_once(market):
    total, _, before = database.product_search_database(ProductQuery())

    database.entries_delete([market["pomelo"].pk])
    total_after, _, after = database.product_search_database(ProductQuery())

    assert total_after == total - 1
    assert after["category"].get("trai-cay", 0) == before["category"]["trai-cay"] - 1


def test_expired_certificate_does_not_count_as_ocop(market):
    _, _, counts = database.product_search_database(ProductQuery(text="mat ong"))

    assert counts["stars"] == {"4": 1, "3": 1}
    assert market["honey_expired"].pk not in _ids(ProductQuery(stars=(5,)))
    # It stays listed.
    assert market["honey_expired"].pk in _ids(ProductQuery(text="bac ha"))


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price_asc", ["pomelo", "coconut", "honey3", "honey_expired", "honey4"]),
        ("price_desc", ["honey4", "honey_expired", "honey3", "coconut", "pomelo"]),
    ],
)
def test_sorting_by_price(market, sort, expected):
    _, hits, _ = database.product_search_database(ProductQuery(sort=sort))

    assert [h.product_id for h in hits] == [market[k].pk for k in expected]


def test_sorting_by_stars_puts_unrated_and_expired_last(market):
    _, hits, _ = database.product_search_database(ProductQuery(sort="stars"))

    ids = [h.product_id for h in hits]
    assert ids.index(market["honey3"].pk) < ids.index(market["coconut"].pk)
    assert ids[-2:] and set(ids[-2:]) == {
        market["coconut"].pk,
        market["honey_expired"].pk,
    }


def test_matches_are_highlighted_whatever_the_accents(market):
    _, hits, _ = database.product_search_database(ProductQuery(text="buoi da"))

    assert hits[0].highlighted_title == "<mark>Bưởi</mark> <mark>da</mark> xanh"


def test_search_page_shows_results_facets_and_highlights(client, market):
    response = client.get(reverse("product-search"), {"q": "mat ong", "stars": "4"})

    html = response.content.decode()
    assert response.status_code == 200
    assert [p.pk for p, _ in response.context["rows"]] == [market["honey4"].pk]
    assert "<mark>Mật</mark> <mark>ong</mark> ngũ gia bì" in html
    assert "Lạng Sơn" in html


def test_search_page_ignores_nonsense_parameters(client, market):
    response = client.get(
        reverse("product-search"),
        {"q": "mat", "stars": "9", "page": "abc", "price": "cheap", "province": "x"},
    )

    assert response.status_code == 200
    assert response.context["results"].total == 4


def test_search_page_query_count_does_not_grow_with_results(
    client, market, count_queries, no_page_cache
):
    url = reverse("product-search")
    client.get(url, {"q": "bưởi"})
    response, few = count_queries(client.get, url, {"q": "bưởi"})
    assert len(response.context["rows"]) == 1
    client.get(url, {"q": "mat"})
    response, many = count_queries(client.get, url, {"q": "mat"})
    assert len(response.context["rows"]) == 4

    assert few == many


def test_suggestions_start_after_two_characters(client, market):
    url = reverse("product-suggestions")

    assert client.get(url, {"q": "m"}).json() == {"suggestions": []}
    titles = [s["title"] for s in client.get(url, {"q": "mat o"}).json()["suggestions"]]
    assert titles[:2] == ["Mật ong hoa rừng", "Mật ong bạc hà"] or set(titles) >= {
        "Mật ong ngũ gia bì",
        "Mật ong hoa rừng",
    }
    assert "Bưởi da xanh" not in titles


def test_search_answers_from_the_database_when_elasticsearch_is_down(
    client, market, settings, caplog, monkeypatch
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    monkeypatch.setattr(logging.getLogger("htx"), "propagate", True)

    with caplog.at_level(logging.ERROR, logger="htx.search"):
        response = client.get(reverse("product-search"), {"q": "buoi"})

    assert response.status_code == 200
    assert [p.pk for p, _ in response.context["rows"]] == [market["pomelo"].pk]
    assert "answering from the database" in caplog.text


# Index sync ---------------------------------------------------------------


def test_approved_product_is_indexed_after_commit(
    django_capture_on_commit_callbacks, market
):
    cooperative = market["pomelo"].listing.cooperative
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        product = listed_product_create(cooperative=cooperative, title="Sầu riêng")
        assert not ProductSearchEntry.objects.filter(pk=product.pk).exists()

    for callback in callbacks:
        callback()
    assert ProductSearchEntry.objects.get(pk=product.pk).name == "Sầu riêng"


def test_unpublished_product_leaves_the_index(
    django_capture_on_commit_callbacks, market
):
    product = market["coconut"]

    with django_capture_on_commit_callbacks(execute=True):
        product.is_public = False
        product.save()

    assert not ProductSearchEntry.objects.filter(pk=product.pk).exists()


def test_deleted_product_leaves_the_index(django_capture_on_commit_callbacks, market):
    pk = market["pomelo"].pk

    with django_capture_on_commit_callbacks(execute=True):
        market["pomelo"].delete()

    assert pk not in _ids(ProductQuery())


def test_certificate_change_is_indexed(django_capture_on_commit_callbacks, market):
    certificate = market["honey4"].ocop_certificate

    with django_capture_on_commit_callbacks(execute=True):
        certificate.stars = 5
        certificate.level = "national"
        certificate.save()

    assert _ids(ProductQuery(stars=(5,))) == {market["honey4"].pk}


def test_certificate_expiry_removes_the_stars_without_reindexing(market):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    market["honey4"].ocop_certificate.expires_on = timezone.localdate()
    market["honey4"].ocop_certificate.save()
    products_reindex([market["honey4"].pk])

    _, _, today_counts = database.product_search_database(ProductQuery(text="ngu gia"))
    _, _, later_counts = database.product_search_database(
        ProductQuery(text="ngu gia"), today=tomorrow
    )

    assert today_counts["stars"] == {"4": 1}
    assert later_counts["stars"] == {}
