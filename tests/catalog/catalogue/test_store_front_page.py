"""/shop/ serves the store's front page (the catalogue), never a redirect loop."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = pytest.mark.django_db


def test_the_store_front_page_is_served_at_shop(client):
    product = listed_product_create(
        cooperative=cooperative_create(), title="Na Chi Lăng"
    )

    response = client.get("/shop/")

    assert response.status_code == 200
    assert list(response.context["products"]) == [product]
    assert "Na Chi Lăng" in response.content.decode()


@pytest.mark.parametrize("name", ["home", "shop-home"])
def test_the_store_home_links_answer_without_a_redirect(client, name):
    response = client.get(reverse(name))

    assert reverse(name) == "/shop/"
    assert response.status_code == 200


def test_oscars_homepage_setting_is_the_served_front_page(client):
    response = client.get(settings.OSCAR_HOMEPAGE, follow=True)

    assert response.redirect_chain == []
    assert response.status_code == 200


def test_the_front_page_keeps_the_catalogue_filters(client):
    cooperative = cooperative_create()
    listed_product_create(cooperative=cooperative, title="Bốn sao", stars=4)
    listed_product_create(cooperative=cooperative, title="Năm sao", stars=5)

    response = client.get("/shop/?stars=5")

    assert [p.title for p in response.context["products"]] == ["Năm sao"]
