"""A public product without any image renders everywhere, with a placeholder."""

import pytest
from django.urls import reverse

from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def imageless(db, settings):
    # Thumbnail errors raise (as with DEBUG on) instead of leaving an empty src.
    settings.OSCAR_THUMBNAIL_DEBUG = True
    cooperative = cooperative_create(name="HTX Đồng Bành", slug="dong-banh")
    product = listed_product_create(cooperative=cooperative, title="Na Chi Lăng")
    product.images.all().delete()
    return product


def test_the_product_page_shows_a_placeholder_with_alt_text(client, imageless):
    response = client.get(imageless.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="product-main-image" src="/media/cache/' in html
    assert 'alt="Na Chi Lăng"' in html


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(lambda p: reverse("catalogue:index"), id="catalogue"),
        pytest.param(
            lambda p: reverse("cooperatives:detail", args=["dong-banh"]),
            id="storefront",
        ),
    ],
)
def test_lists_show_the_product_card_with_a_placeholder(client, imageless, url):
    response = client.get(url(imageless))

    assert response.status_code == 200
    assert "Na Chi Lăng" in response.content.decode()


def test_search_results_show_the_product_with_a_placeholder(client, imageless):
    from marketplace.search.indexing import products_reindex

    products_reindex([imageless.pk])

    response = client.get(reverse("product-search") + "?q=Na")

    assert response.status_code == 200
    assert "Na Chi Lăng" in response.content.decode()


def test_the_basket_shows_the_product_without_an_image(client, imageless):
    client.post(reverse("basket:add", kwargs={"pk": imageless.pk}), {"quantity": 1})

    response = client.get(reverse("basket:summary"))

    assert response.status_code == 200
    assert "Na Chi Lăng" in response.content.decode()
