"""In real Chromium: one order, two cooperatives, each ships its own lines.

A guest buys from two cooperatives with cash on delivery; each cooperative's
staff user sees only its own line and marks it shipped; the guest's order
status page then shows both shipments as shipped.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from marketplace.demo.loader import demo_load

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COOPERATIVES = {
    "dongbanh@htx.local": "coop-demo-2024",
    "quoison@htx.local": "coop-demo-2024",
}


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


def _product_of(email):
    record = (
        StockRecord.objects.filter(
            partner__users__email=email, product__is_public=True, num_in_stock__gt=0
        )
        .select_related("product")
        .order_by("pk")
        .first()
    )
    return record.product


def _guest_buys_with_cash(page, site, products):
    for product in products:
        page.goto(site + product.get_absolute_url())
        page.locator("#add-to-basket").click()
        expect(page.locator(".alert-success").first).to_contain_text(product.title)
    page.goto(site + "/shop/checkout/")
    expect(page).to_have_url(re.compile(r"/shop/checkout/shipping-address/"))
    page.fill("input[name=first_name]", "Nguyễn Văn An")
    page.fill("input[name=phone_number]", "0912345678")
    page.fill("input[name=guest_email]", "khach@example.vn")
    page.select_option("select[name=province]", label="Thành phố Hà Nội")
    expect(page.locator("select[name=ward] option")).not_to_have_count(1)
    page.select_option("select[name=ward]", label="Phường Ba Đình")
    page.fill("input[name=line1]", "12 Phố Huế")
    page.check("#pm-cod")
    page.click("#view_preview")
    expect(page).to_have_url(re.compile(r"/shop/checkout/preview/"))
    page.click("#place-order")
    expect(page).to_have_url(re.compile(r"/shop/checkout/thank-you/"))


def _cooperative_ships_its_line(browser, site, email, own, other):
    context = browser.new_context(locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(site + "/shop/accounts/login/")
    page.fill("input[name=login-username]", email)
    page.fill("input[name=login-password]", COOPERATIVES[email])
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))

    page.goto(site + "/shop/hop-tac-xa/quan-ly/don-hang/")
    lines = page.locator(".coop-area table tbody")
    expect(lines).to_contain_text(own.title)
    expect(lines).not_to_contain_text(other.title)
    lines.locator("tr", has_text=own.title).locator("a").first.click()
    for status in ("Confirmed", "Shipped"):
        page.select_option("select[name=status]", value=status)
        page.locator(".coop-area form button[type=submit]").click()
        expect(page.locator(".alert-success").first).to_be_visible()
    expect(page.locator(".coop-area dl")).to_contain_text("Đang giao")
    context.close()


def test_two_cooperatives_ship_one_order_and_the_guest_sees_both_shipments(
    page, browser, demo_site
):
    dong_banh_product = _product_of("dongbanh@htx.local")
    quoi_son_product = _product_of("quoison@htx.local")
    _guest_buys_with_cash(page, demo_site, [dong_banh_product, quoi_son_product])
    order = Order.objects.get()
    # The thank-you page and the confirmation e-mail link here; the session
    # that placed the order is not asked for the e-mail again.
    page.goto(
        demo_site
        + reverse(
            "customer:anon-order",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        )
    )
    shipments = page.locator(".order-shipment")
    expect(shipments).to_have_count(2)
    expect(page.locator(".shipment-status[data-status=Pending]")).to_have_count(2)
    status_url = page.url

    _cooperative_ships_its_line(
        browser, demo_site, "dongbanh@htx.local", dong_banh_product, quoi_son_product
    )
    _cooperative_ships_its_line(
        browser, demo_site, "quoison@htx.local", quoi_son_product, dong_banh_product
    )

    page.goto(status_url)
    expect(page.locator(".shipment-status[data-status=Shipped]")).to_have_count(2)
    expect(shipments.first).to_contain_text("Đã gửi hàng ngày")
    shipped_mails = [m for m in mail.outbox if "đã gửi hàng" in m.subject]
    assert sorted(m.to[0] for m in shipped_mails) == ["khach@example.vn"] * 2
    assert all(order.number in m.subject for m in shipped_mails)
