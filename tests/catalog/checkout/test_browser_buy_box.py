"""In real Chromium on a phone (390×844): the product page's buy box."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from catalog.shipping.selectors import partner_shipping_quote
from marketplace.demo.loader import demo_load

Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


def certified_product():
    """Return a buyable demo product with a valid OCOP certificate."""
    for product in Product.objects.filter(
        stockrecords__isnull=False, ocop_certificate__isnull=False
    ).order_by("pk"):
        if product.ocop_certificate.is_valid():
            return product
    raise AssertionError("the demo data has no certified product")


def in_first_screen(locator):
    box = locator.bounding_box()
    assert box is not None, locator
    return box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_price_badge_and_buttons_are_in_the_first_screen(page, demo_site):
    page.set_viewport_size(PHONE)
    product = certified_product()

    page.goto(demo_site + product.get_absolute_url())

    for selector in (
        "#buybox-price",
        "#buybox .ocop-badge",
        "#add-to-basket",
        "#buy-now",
    ):
        assert in_first_screen(page.locator(selector).first), selector
    expect(page.locator("#buy-now")).to_be_visible()
    # The cooperative's fee, from the same rule as the checkout.
    record = product.stockrecords.get()
    quote = partner_shipping_quote(
        partner_id=record.partner_id, subtotal=int(record.price)
    )
    assert quote.charge > 0
    expect(page.locator("#buybox-shipping")).to_contain_text(
        f"{quote.charge:,}".replace(",", ".")
    )
    label = page.locator("label[for=id_quantity]")
    expect(label).to_have_text("Số lượng")
    for button in page.locator("[data-qty-step]").all():
        box = button.bounding_box()
        assert box["width"] >= 48 and box["height"] >= 48
    expect(page.locator("#buybar")).to_be_hidden()


def test_buy_bar_stays_at_hand_after_scrolling(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + certified_product().get_absolute_url())

    page.mouse.wheel(0, 2000)

    bar = page.locator("#buybar")
    expect(bar).to_be_visible()
    assert in_first_screen(bar.locator(".buybar__buy"))
    expect(bar.locator(".buybar__price")).to_have_text(
        page.locator("#buybox-price").inner_text()
    )


def test_buy_now_lands_on_the_address_step_with_the_quantity(page, demo_site):
    page.set_viewport_size(PHONE)
    product = certified_product()
    page.goto(demo_site + product.get_absolute_url())

    page.locator("[data-qty-step='1']").click()
    expect(page.locator("#id_quantity")).to_have_value("2")
    page.locator("#buy-now").click()

    expect(page).to_have_url(re.compile(r"/shop/checkout/shipping-address/$"))
    expect(page.locator(".checkout-summary__line")).to_have_count(1)
    expect(page.locator(".checkout-summary__line")).to_contain_text(product.title)
    expect(page.locator(".checkout-summary__line")).to_contain_text("× 2")
    expect(page.locator("#pm-cod")).to_be_checked()
    expect(page.locator("input[name=username]")).to_have_count(0)
