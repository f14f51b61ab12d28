"""In real Chromium: a guest buys from two cooperatives, cash or bank transfer."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from marketplace.demo.loader import demo_load

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


def two_products_of_two_cooperatives():
    records = StockRecord.objects.select_related("product", "partner").order_by("pk")
    first = records.first()
    second = records.exclude(partner=first.partner).first()
    return first.product, second.product


def guest_checkout_to_payment(page, site):
    for product in two_products_of_two_cooperatives():
        page.goto(site + product.get_absolute_url())
        page.locator("#add-to-basket").click()
        expect(page.locator(".alert-success").first).to_contain_text(product.title)
    # No "who are you" step: the basket leads straight to delivery and payment.
    page.goto(site + "/shop/checkout/")
    expect(page).to_have_url(re.compile(r"/shop/checkout/shipping-address/"))
    page.fill("input[name=first_name]", "Nguyễn Văn An")
    page.fill("input[name=phone_number]", "0912345678")
    page.select_option("select[name=province]", label="Thành phố Hà Nội")
    # The commune list is refilled from the province by the page's script.
    expect(page.locator("select[name=ward] option")).not_to_have_count(1)
    page.select_option("select[name=ward]", label="Phường Ba Đình")
    page.fill("input[name=line1]", "12 Phố Huế")
    # The payment method is on the same page; callers choose it, then
    # click #view_preview.
    expect(page.locator("#pm-cod")).to_be_checked()


def test_guest_buys_from_two_cooperatives_with_cash_on_delivery(page, demo_site):
    guest_checkout_to_payment(page, demo_site)
    page.check("#pm-cod")
    page.click("#view_preview")
    expect(page.locator("#chosen-payment-method")).to_contain_text(
        "Thanh toán khi nhận hàng"
    )
    page.click("#place-order")

    expect(page).to_have_url(re.compile(r"/shop/checkout/thank-you/"))
    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    assert order.lines.values("partner").distinct().count() == 2
    assert order.shipping_address.line4 == "Thành phố Hà Nội"


def test_guest_pays_by_bank_transfer_and_sees_the_vietqr_code(page, demo_site):
    guest_checkout_to_payment(page, demo_site)
    page.check("#pm-bank-transfer")
    page.click("#view_preview")
    page.click("#place-order")

    expect(page).to_have_url(re.compile(r"/shop/checkout/thank-you/"))
    order = Order.objects.get()
    expect(page.locator("#vietqr svg")).to_be_visible()
    expect(page.locator("#vietqr-note")).to_have_text(order.number)
