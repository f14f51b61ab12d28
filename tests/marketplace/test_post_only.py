"""State changes in Oscar's customer area need a POST; no line page answers 500."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories.catalogue import product_create

WishList = get_model("wishlists", "WishList")

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client):
    user = get_user_model().objects.create_user(
        username="buyer", email="buyer@htx.test", password="pw-test-123"
    )
    client.force_login(user)
    return user


def test_a_get_does_not_log_the_buyer_out(client, buyer):
    response = client.get(reverse("customer:logout"))

    assert response.status_code == 405
    assert "_auth_user_id" in client.session


def test_a_post_logs_the_buyer_out(client, buyer):
    response = client.post(reverse("customer:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_pages_offer_logging_out_as_a_form(client, buyer):
    html = client.get(reverse("customer:profile-view")).content.decode()

    logout = reverse("customer:logout")
    assert f'action="{logout}" method="post"' in html
    assert f'href="{logout}"' not in html


def test_a_get_does_not_add_to_a_wish_list(client, buyer):
    product = product_create()

    response = client.get(
        reverse("customer:wishlists-add-product", kwargs={"product_pk": product.pk})
    )

    assert response.status_code == 405
    assert not WishList.objects.filter(owner=buyer).exists()


def test_a_post_adds_to_a_wish_list(client, buyer):
    product = product_create()

    response = client.post(
        reverse("customer:wishlists-add-product", kwargs={"product_pk": product.pk})
    )

    assert response.status_code == 302
    assert list(
        WishList.objects.get(owner=buyer).lines.values_list("product", flat=True)
    ) == [product.pk]


def test_moving_between_wish_lists_needs_a_post(client, buyer):
    product = product_create()
    first = WishList.objects.create(owner=buyer, name="Tết")
    second = WishList.objects.create(owner=buyer, name="Quà")
    line = first.lines.create(product=product, title=product.title)
    url = reverse(
        "customer:wishlists-move-product-to-another",
        kwargs={"key": first.key, "line_pk": line.pk, "to_key": second.key},
    )

    refused = client.get(url)
    line.refresh_from_db()
    assert (refused.status_code, line.wishlist) == (405, first)

    moved = client.post(url)
    line.refresh_from_db()
    assert (moved.status_code, line.wishlist) == (302, second)


def test_the_wish_list_page_moves_lines_with_forms(client, buyer):
    product = product_create()
    first = WishList.objects.create(owner=buyer, name="Tết")
    second = WishList.objects.create(owner=buyer, name="Quà")
    line = first.lines.create(product=product, title=product.title)

    html = client.get(
        reverse("customer:wishlists-detail", kwargs={"key": first.key})
    ).content.decode()

    move = reverse(
        "customer:wishlists-move-product-to-another",
        kwargs={"key": first.key, "line_pk": line.pk, "to_key": second.key},
    )
    assert f'action="{move}" method="post"' in html


def test_the_product_page_adds_to_a_named_wish_list_with_a_form(client, buyer):
    product = product_create()
    wishlist = WishList.objects.create(owner=buyer, name="Tết")
    WishList.objects.create(owner=buyer, name="Quà")

    html = client.get(product.get_absolute_url()).content.decode()

    add = reverse(
        "customer:wishlists-add-product",
        kwargs={"key": wishlist.key, "product_pk": product.pk},
    )
    assert f'action="{add}" method="post"' in html
    assert f'href="{add}"' not in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_order_line_url_answers_404(client, buyer, method):
    response = getattr(client, method)("/shop/accounts/orders/100001/1/")

    assert response.status_code == 404
