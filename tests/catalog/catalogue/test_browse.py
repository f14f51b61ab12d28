"""The browse and category pages list from the database in a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.factories.catalogue import category_create, partner_create, product_create

pytestmark = pytest.mark.django_db


def _warm_then_count(client, count_queries, url):
    # The first render makes each thumbnail and caches where it lives; what
    # is measured is every later render.
    assert client.get(url).status_code == 200
    response, queries = count_queries(client.get, url)
    assert response.status_code == 200
    return response, queries


def test_catalogue_query_count_is_the_same_for_5_and_50_products(
    client, count_queries, no_page_cache
):
    partner = partner_create()
    for i in range(5):
        product_create(title=f"Sản phẩm {i}", partner=partner)
    url = reverse("catalogue:index")
    _, queries_for_5 = _warm_then_count(client, count_queries, url)

    for i in range(5, 50):
        product_create(title=f"Sản phẩm {i}", partner=partner)
    response, queries_for_50 = _warm_then_count(client, count_queries, url)

    assert response.context["paginator"].count == 50
    assert len(response.context["products"]) == 24
    assert queries_for_50 == queries_for_5


def test_category_query_count_is_the_same_for_5_and_20_products(
    client, count_queries, no_page_cache
):
    partner = partner_create()
    fruit = category_create()
    for i in range(5):
        product_create(title=f"Trái {i}", partner=partner, category=fruit)
    _, queries_for_5 = _warm_then_count(client, count_queries, fruit.get_absolute_url())

    for i in range(5, 20):
        product_create(title=f"Trái {i}", partner=partner, category=fruit)
    response, queries_for_20 = _warm_then_count(
        client, count_queries, fruit.get_absolute_url()
    )

    assert response.context["paginator"].count == 20
    assert queries_for_20 == queries_for_5


def test_catalogue_hides_products_that_are_not_public(client):
    product_create(title="Bưởi công khai")
    hidden = product_create(title="Bưởi chưa duyệt")
    hidden.is_public = False
    hidden.save()

    html = client.get(reverse("catalogue:index")).content.decode()

    assert "Bưởi công khai" in html
    assert "Bưởi chưa duyệt" not in html


def test_catalogue_sorts_by_title(client):
    for title in ["Chè", "Bưởi", "Atiso"]:
        product_create(title=title)

    response = client.get(reverse("catalogue:index"), {"sort": "title"})

    assert [p.title for p in response.context["products"]] == ["Atiso", "Bưởi", "Chè"]


def test_invalid_page_number_redirects_with_a_message(client):
    product_create()

    response = client.get(reverse("catalogue:index"), {"page": "99"})

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:index")


def test_product_view_writes_no_analytics_row(client):
    from oscar.apps.analytics.models import ProductRecord

    product = product_create()

    client.get(product.get_absolute_url())

    assert ProductRecord.objects.count() == 0
