"""In real Chromium: a buyer reaches checkout; an editor sees the page tree."""

import re

import pytest
from playwright.sync_api import expect

from cms.models import HomePage
from marketplace.demo.loader import demo_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


def test_buyer_goes_from_home_page_to_checkout(page, demo_site):
    page.goto(demo_site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Liên minh Hợp tác xã tỉnh"
    )

    page.get_by_role("link", name="Vào chợ sản phẩm OCOP").click()
    expect(page).to_have_url(re.compile(r"/shop/catalogue/$"))

    page.locator("article.product_pod h3 a").first.click()
    expect(page).to_have_url(re.compile(r"/shop/catalogue/[\w-]+_\d+/$"))
    title = page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    expect(page.locator(".alert-success").first).to_contain_text(title)

    page.goto(demo_site + "/shop/basket/")
    expect(page.locator("#basket_formset")).to_contain_text(title)
    page.get_by_role("link", name="Tiến hành thanh toán").first.click()

    expect(page).to_have_url(re.compile(r"/shop/checkout/"))
    expect(page.locator("body")).not_to_contain_text("Page not found")


def test_editor_logs_into_cms_and_sees_the_page_tree(page, demo_site):
    page.goto(demo_site + "/cms/")
    expect(page).to_have_url(re.compile(r"/cms/login/"))
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "editor-demo-2024")
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/cms/$"))

    page.goto(demo_site + "/cms/pages/")
    expect(page.locator("main")).to_contain_text("Liên minh Hợp tác xã tỉnh")
    home = HomePage.objects.get()
    page.goto(f"{demo_site}/cms/pages/{home.pk}/")
    listing = page.locator("main table")
    expect(listing).to_contain_text("Tin tức")
    expect(listing).to_contain_text("Văn bản")
