"""In real Chromium: a cooperative lists a product, a moderator approves it,
a buyer finds it among the 4-star OCOP products."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from marketplace.demo.loader import demo_load
from tests.factories.catalogue import tiny_jpeg

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

Category = get_model("catalogue", "Category")

TITLE = "Na Chi Lăng sấy lạnh"


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


def _log_in(page, site, email, password):
    page.context.clear_cookies()
    page.goto(site + "/shop/accounts/login/")
    page.fill("input[name=login-username]", email)
    page.fill("input[name=login-password]", password)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_listing_goes_from_cooperative_to_moderator_to_buyer(page, demo_site):
    # Given cooperative staff add a 4-star product with an image
    _log_in(page, demo_site, "dongbanh@htx.local", "coop-demo-2024")
    page.goto(demo_site + "/shop/hop-tac-xa/quan-ly/san-pham/them/")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=description]", "Na chín cây, sấy lạnh giữ vị ngọt.")
    page.fill("input[name=unit]", "hộp")
    page.select_option("select[name=category]", label="Trái cây")
    page.fill("input[name=price]", "95000")
    page.fill("input[name=stock]", "40")
    page.set_input_files(
        "input[name=image]",
        files=[{"name": "na.jpg", "mimeType": "image/jpeg", "buffer": tiny_jpeg()}],
    )
    page.fill("input[name=ocop_stars]", "4")
    page.fill("input[name=ocop_number]", "777/QĐ-UBND")
    page.fill("input[name=ocop_issuing_body]", "UBND tỉnh Lạng Sơn")
    page.fill("input[name=ocop_issued_on]", "2025-06-01")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success").first).to_contain_text("kiểm duyệt")

    # When a moderator approves it
    _log_in(page, demo_site, "moderator@htx.local", "moderator-demo-2024")
    page.goto(demo_site + "/shop/hop-tac-xa/kiem-duyet/")
    page.get_by_role("link", name=TITLE).click()
    page.locator("input[name=decision][value=approve]").check()
    page.get_by_role("button", name="Gửi").click()
    expect(page.locator(".alert-success").first).to_contain_text("quyết định")

    # Then a buyer finds it in the catalogue filtered by 4 stars
    page.context.clear_cookies()
    page.goto(demo_site + "/shop/catalogue/")
    page.select_option("#id_stars", "4")
    expect(page).to_have_url(re.compile(r"stars=4"))
    card = page.locator("article.product_pod").filter(
        has=page.get_by_role("link", name=TITLE)
    )
    expect(card).to_be_visible()
    expect(card.locator(".ocop-badge--4")).to_be_visible()
    card.locator("h3 a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("#product-main-image")).to_be_visible()
    expect(page.locator(".ocop-certificate")).to_contain_text("777/QĐ-UBND")

    # And in its category's page
    fruit = Category.objects.get(slug="trai-cay")
    page.goto(demo_site + fruit.get_absolute_url())
    expect(page.locator("article.product_pod h3 a", has_text=TITLE)).to_be_visible()
