"""Product and category descriptions are cleaned whatever path saves them."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories.catalogue import category_create, product_create

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Range = get_model("offer", "Range")

pytestmark = pytest.mark.django_db

XSS = '<h2>Na</h2><script>alert(1)</script><p onmouseover="alert(2)">dai</p>'
CLEAN = "<h2>Na</h2><p>dai</p>"


def test_product_save_cleans_the_description():
    product = product_create()

    product.description = XSS
    product.save()

    product.refresh_from_db()
    assert product.description == CLEAN


def test_category_save_cleans_the_description():
    category = category_create()

    category.description = XSS
    category.save()

    category.refresh_from_db()
    assert category.description == CLEAN


def test_category_page_shows_the_description_clean_even_if_stored_dirty(client):
    # Given a category whose description was written past save()
    category = category_create()
    Category.objects.filter(pk=category.pk).update(description=XSS)
    category.refresh_from_db()

    # When a buyer opens the category page
    response = client.get(category.get_absolute_url())

    # Then the description is shown clean
    assert response.status_code == 200
    html = response.content.decode()
    assert CLEAN in html
    assert "<script>alert" not in html
    assert "onmouseover" not in html


def test_offer_and_range_saves_clean_the_description():
    offer_range = Range.objects.create(name="Trái cây", description=XSS)

    offer_range.refresh_from_db()
    assert offer_range.description == CLEAN


def test_range_page_shows_the_description_clean_even_if_stored_dirty(client):
    offer_range = Range.objects.create(
        name="Trái cây", slug="trai-cay", is_public=True, includes_all_products=True
    )
    Range.objects.filter(pk=offer_range.pk).update(description=XSS)

    response = client.get(reverse("catalogue:range", kwargs={"slug": "trai-cay"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert CLEAN in html
    assert "<script>alert" not in html
