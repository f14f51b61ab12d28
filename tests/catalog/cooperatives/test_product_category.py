"""The cooperative's product form has a category, so products can be browsed."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from catalog.cooperatives import services
from tests.factories.cooperatives import (
    cooperative_create,
    listed_product_create,
    staff_create,
)

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def categories(db):
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham", is_public=True)
    fruit = food.add_child(name="Trái cây", slug="trai-cay", is_public=True)
    tea = Category.add_root(name="Chè", slug="che", is_public=True)
    Category.add_root(name="Ẩn", slug="an", is_public=False)
    return food, fruit, tea


@pytest.fixture
def staff_client(client, english):
    cooperative = cooperative_create(name="HTX Đồng Bành", slug="dong-banh")
    client.force_login(staff_create(cooperative=cooperative))
    return client, cooperative


def _post(**overrides):
    return {
        "title": "Na dai Chi Lăng",
        "description": "Na ngon",
        "unit": "kg",
        "price": "65000",
        "stock": "20",
        **overrides,
    }


def test_the_form_offers_the_public_categories_in_tree_order(staff_client, categories):
    client, _cooperative = staff_client
    food, fruit, tea = categories

    response = client.get(reverse("cooperatives:manage-product-add"))

    form = response.context["form"]
    assert form.fields["category"].required
    assert form.fields["category"].choices == [
        ("", "---------"),
        (food.pk, "Thực phẩm"),
        (fruit.pk, "Thực phẩm › Trái cây"),
        (tea.pk, "Chè"),
    ]
    assert '<select name="category"' in response.content.decode()


def test_a_product_without_a_category_is_refused_and_keeps_what_was_typed(
    staff_client, categories
):
    client, cooperative = staff_client

    response = client.post(reverse("cooperatives:manage-product-add"), _post())

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["category"] == ["Choose the product's category."]
    assert 'value="Na dai Chi Lăng"' in response.content.decode()
    assert not cooperative.listings.exists()


def test_an_unknown_or_hidden_category_is_refused(staff_client, categories):
    client, _cooperative = staff_client
    hidden = Category.objects.get(slug="an")

    response = client.post(
        reverse("cooperatives:manage-product-add"), _post(category=str(hidden.pk))
    )

    assert response.context["form"].errors["category"] == [
        "Choose a category from the list."
    ]


def test_the_chosen_category_is_kept_when_another_field_is_wrong(
    staff_client, categories
):
    client, _cooperative = staff_client
    _food, fruit, _tea = categories

    response = client.post(
        reverse("cooperatives:manage-product-add"),
        _post(category=str(fruit.pk), price="abc"),
    )

    assert "price" in response.context["form"].errors
    assert f'<option value="{fruit.pk}" selected>' in response.content.decode()


def test_a_new_product_is_saved_in_its_category_and_browsed_there_once_approved(
    staff_client, categories, client
):
    staff, cooperative = staff_client
    food, fruit, _tea = categories

    response = staff.post(
        reverse("cooperatives:manage-product-add"), _post(category=str(fruit.pk))
    )

    assert response.status_code == 302
    product = cooperative.listings.get().product
    assert list(product.categories.all()) == [fruit]
    services.listing_review(listing=product.listing, approve=True, reviewer=None)
    staff.logout()
    for category in (fruit, food):
        page = client.get(category.get_absolute_url())
        assert [p.pk for p in page.context["products"]] == [product.pk]


def test_editing_shows_the_current_category_and_changes_it(staff_client, categories):
    client, cooperative = staff_client
    _food, fruit, tea = categories
    product = listed_product_create(cooperative=cooperative, title="Na")
    services.product_category_set(product=product, category=fruit)
    url = reverse("cooperatives:manage-product", kwargs={"pk": product.pk})

    shown = client.get(url)
    assert shown.context["form"]["category"].value() == fruit.pk

    client.post(
        url,
        _post(title="Na", category=str(tea.pk), price=str(_price(product))),
    )

    assert list(product.categories.all()) == [tea]


def _price(product) -> int:
    return int(product.stockrecords.get().price)
