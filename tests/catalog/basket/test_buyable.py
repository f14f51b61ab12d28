"""Only products that are for sale can be added to a basket or ordered."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from oscar.core.loading import get_class, get_model

from catalog.cooperatives.models import ApprovalStatus
from tests.catalog.checkout.conftest import (
    basket_add,
    checkout_pay_with,
    checkout_to_payment,
)
from tests.factories.catalogue import product_create
from tests.factories.cooperatives import cooperative_create, listed_product_create

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def add(client, product, quantity=1):
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": quantity},
        follow=True,
    )


def vi(message: str, **values) -> str:
    """Return ``message`` as a Vietnamese buyer reads it."""
    with translation.override("vi"):
        text = translation.gettext(message)
    return text % values if values else text


def is_available_to_buy(product) -> bool:
    info = Selector().strategy().fetch_for_product(product)
    return info.availability.is_available_to_buy


@pytest.fixture
def cooperative(db):
    return cooperative_create(name="HTX Đồng Bành", slug="dong-banh")


def test_a_listed_approved_product_in_stock_is_for_sale(cooperative):
    product = listed_product_create(cooperative=cooperative)
    assert is_available_to_buy(product)


def test_a_product_the_alliance_lists_itself_is_for_sale():
    assert is_available_to_buy(product_create())


@pytest.mark.parametrize(
    "status", [ApprovalStatus.PENDING, ApprovalStatus.REJECTED], ids=str
)
def test_a_product_awaiting_or_refused_moderation_is_not_for_sale(cooperative, status):
    product = listed_product_create(cooperative=cooperative, status=status)
    assert not is_available_to_buy(product)


def test_a_public_product_whose_listing_is_not_approved_is_not_for_sale(cooperative):
    product = listed_product_create(cooperative=cooperative)
    product.listing.status = ApprovalStatus.PENDING
    product.listing.save()
    product.refresh_from_db()

    assert not is_available_to_buy(product)


def test_a_product_of_a_cooperative_no_longer_approved_is_not_for_sale(cooperative):
    product = listed_product_create(cooperative=cooperative)
    cooperative.status = ApprovalStatus.REJECTED
    cooperative.save()
    product.refresh_from_db()

    assert not is_available_to_buy(product)


def test_a_product_without_a_price_or_stock_is_not_for_sale(cooperative):
    no_stock = listed_product_create(cooperative=cooperative, title="A", stock=0)
    no_price = listed_product_create(cooperative=cooperative, title="B")
    no_price.stockrecords.update(price=None)

    assert not is_available_to_buy(no_stock)
    assert not is_available_to_buy(no_price)


def test_a_hidden_product_posted_to_the_basket_is_refused_without_its_title(
    client, cooperative
):
    hidden = listed_product_create(
        cooperative=cooperative, title="Sản phẩm bí mật", status=ApprovalStatus.PENDING
    )

    response = add(client, hidden)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        vi("this product is not for sale")
    ]
    assert not Basket.objects.filter(lines__product=hidden).exists()
    basket = client.get(reverse("basket:summary")).content.decode()
    assert "Sản phẩm bí mật" not in basket


def test_a_line_whose_product_was_hidden_is_flagged_and_blocks_the_order(
    client, cooperative, address_data
):
    product = listed_product_create(cooperative=cooperative, title="Na Chi Lăng")
    basket_add(client, product, 1)
    checkout_to_payment(client, address_data)
    product.is_public = False
    product.save()

    basket_page = client.get(reverse("basket:summary"))
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order"}, follow=True
    )

    warning = vi("'%(product)s' is no longer available", product="Na Chi Lăng")
    assert escape(warning) in basket_page.content.decode()
    assert response.redirect_chain == [(reverse("basket:summary"), 302)]
    refusal = vi(
        "'%(title)s' is no longer available to buy (%(reason)s). "
        "Please adjust your basket to continue",
        title="Na Chi Lăng",
        reason=vi("this product is not for sale"),
    )
    assert refusal in [str(m) for m in response.context["messages"]]
    assert Order.objects.count() == 0


def test_an_order_of_products_for_sale_is_still_placed(
    client, cooperative, address_data
):
    product = listed_product_create(cooperative=cooperative)
    basket_add(client, product, 2)
    checkout_to_payment(client, address_data)

    response = checkout_pay_with(client, "cod")

    assert response.status_code == 302
    assert response.url == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
