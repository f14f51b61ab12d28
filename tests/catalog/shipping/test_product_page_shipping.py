"""The product page shows its cooperative's shipping, by the checkout's rule."""

import re

import pytest
from django.utils import translation

from catalog.shipping.selectors import partner_shipping_quote
from tests.factories.catalogue import product_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("subtotal", "charge", "missing"),
    [(45000, 30000, 455000), (499999, 30000, 1), (500000, 0, None)],
)
def test_partner_shipping_quote_follows_the_cooperative_rule(
    shipping_cooperatives, subtotal, charge, missing
):
    dong_banh, *_ = shipping_cooperatives

    quote = partner_shipping_quote(partner_id=dong_banh.partner.pk, subtotal=subtotal)

    assert (quote.partner_id, quote.charge, quote.missing_for_free) == (
        dong_banh.partner.pk,
        charge,
        missing,
    )


def test_product_page_shows_the_cooperative_fee(client, shipping_cooperatives):
    dong_banh, quoi_son, na, buoi = shipping_cooperatives

    html = client.get(buoi.get_absolute_url()).content.decode()

    name = partner_shipping_quote(partner_id=quoi_son.partner.pk, subtotal=0).name
    assert re.search(rf"Shipping from {re.escape(name)}:\s*\S*25[.,]000", html), name
    assert re.search(r"Free shipping on orders from \S*200[.,]000", html)


def test_product_page_says_free_when_one_unit_ships_free(client, shipping_cooperatives):
    _, quoi_son, *_ = shipping_cooperatives
    dear = product_create(
        title="Sâm Ngọc Linh", price=250000, stock=3, partner=quoi_son.partner
    )

    html = client.get(dear.get_absolute_url()).content.decode()

    name = partner_shipping_quote(partner_id=quoi_son.partner.pk, subtotal=0).name
    assert f"Free shipping from {name}" in html
    assert "Shipping from" not in html


def test_product_page_has_a_labelled_stepper_and_buy_now(client, shipping_cooperatives):
    *_, buoi = shipping_cooperatives

    html = client.get(buoi.get_absolute_url()).content.decode()

    assert (
        '<label for="id_quantity" class="qty-stepper__label">Quantity</label>' in html
    )
    assert 'type="number" name="quantity" id="id_quantity" value="1" min="1"' in html
    assert 'name="buy_now" value="1"' in html
    assert "Permalink" not in html


def test_reviews_show_filled_stars_and_no_permalink(client, shipping_cooperatives):
    from oscar.core.loading import get_model

    ProductReview = get_model("reviews", "ProductReview")
    *_, buoi = shipping_cooperatives
    bare = client.get(buoi.get_absolute_url()).content.decode()
    ProductReview.objects.create(
        product=buoi,
        score=4,
        title="Ngọt",
        body="Bưởi ngon.",
        name="Lan",
        email="lan@example.vn",
        status=ProductReview.APPROVED,
    )
    buoi.update_rating()

    html = client.get(buoi.get_absolute_url()).content.decode()

    assert "rating__star" not in bare
    assert html.count('class="rating__star is-on"') == 4 * 2
    assert "4.0 out of 5 (1 review)" in html
    assert "Permalink" not in html
