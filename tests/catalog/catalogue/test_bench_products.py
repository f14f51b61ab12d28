"""The bench's generated products are real store products: listed, found, buyable."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from catalog.cooperatives.models import ApprovalStatus, ProductListing
from marketplace.pagecache.versions import versions_get
from marketplace.search.models import ProductSearchEntry
from marketplace.search.query import ProductQuery
from marketplace.search.service import product_search
from tests.factories.catalogue import category_create
from tests.factories.cooperatives import cooperative_create, listed_product_create

Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


@pytest.fixture
def honey(db):
    """One listed, rated honey of one cooperative: the model to copy."""
    cooperative = cooperative_create(name="HTX Quảng Lạc", slug="htx-quang-lac")
    return listed_product_create(
        cooperative=cooperative,
        title="Mật ong hoa rừng Quảng Lạc",
        price=280000,
        stars=4,
        unit="chai",
        category=category_create(name="Mật ong", slug="mat-ong"),
    )


def _generate(count: int) -> str:
    out = io.StringIO()
    call_command("bench_products", count=count, stdout=out)
    return out.getvalue()


def _generated():
    return Product.objects.filter(upc__startswith="BENCH-")


def test_generated_products_show_in_the_catalogue(client, honey):
    # Given the store's one listed product
    # When the benchmark generates 30 more
    _generate(30)

    # Then the catalogue lists all 31, the model's category too
    response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    assert response.context["paginator"].count == 31
    category = honey.categories.get()
    assert client.get(category.get_absolute_url()).context["paginator"].count == 31


def test_generated_products_are_found_without_diacritics(honey):
    _generate(30)

    results = product_search(ProductQuery(text="mat ong quang lac", per_page=50))

    generated = set(_generated().values_list("pk", flat=True))
    assert generated <= {hit.product_id for hit in results.hits}
    assert ProductSearchEntry.objects.filter(product__in=generated).count() == 30


def test_generated_products_copy_the_model_and_are_buyable(honey):
    _generate(30)

    strategy = Selector().strategy()
    for product in _generated().select_related("listing__cooperative"):
        assert product.title.startswith("Mật ong hoa rừng Quảng Lạc")
        assert product.is_public
        assert product.listing.status == ApprovalStatus.APPROVED
        assert product.listing.cooperative_id == honey.listing.cooperative_id
        assert product.listing.unit == "chai"
        assert product.images.count() == 1
        info = strategy.fetch_for_product(product)
        assert info.availability.is_available_to_buy
        assert info.price.excl_tax % 1000 == 0


def test_rated_models_give_valid_and_expired_certificates(honey):
    _generate(200)

    certificates = [
        p.ocop_certificate
        for p in _generated().select_related("ocop_certificate")
        if hasattr(p, "ocop_certificate")
    ]
    today = timezone.localdate()
    # About 70% of a rated model's copies are rated, a few already expired.
    assert 100 < len(certificates) < 180
    assert any(c.expires_on < today for c in certificates)
    assert all(c.level == c.level_for_stars(c.stars) for c in certificates)


def test_a_second_run_adds_only_what_is_missing(honey):
    _generate(10)

    output = _generate(25)

    assert "15 products added" in output
    assert _generated().count() == 25
    assert ProductListing.objects.filter(product__in=_generated()).count() == 25


def test_generating_renews_the_cached_store_pages(honey):
    # Given the store's pages cached under the current version
    before = versions_get(["store"])["store"]

    # When products are added in bulk (no signals)
    _generate(5)

    # Then the store's version moved on: no cached page is served again
    assert versions_get(["store"])["store"] != before


def test_a_smaller_count_than_the_database_holds_is_refused(honey):
    _generate(10)

    with pytest.raises(CommandError, match="already holds 10 generated products"):
        _generate(5)


def test_nothing_to_model_on_is_refused():
    with pytest.raises(CommandError, match="load the demo"):
        _generate(5)
