"""In real Chromium on a phone: a compact header, products in the first screen.

Tap targets: every control of the header is at least 48 x 48 px (WCAG 2.5.5,
the issue's target), on the phone and on a desktop.
"""

import re

import pytest
from playwright.sync_api import expect

from marketplace.demo.loader import demo_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
HEADER_CONTROLS = (
    ".site-header a:visible, .site-header button:visible, "
    ".site-header summary:visible, .site-header input:visible"
)


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_phone_header_is_compact_and_its_controls_are_48px(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + "/shop/catalogue/")

    assert _box(page, ".site-header")["height"] < 130
    controls = page.locator(HEADER_CONTROLS)
    small = [
        (controls.nth(i).inner_text() or controls.nth(i).get_attribute("class"), box)
        for i in range(controls.count())
        if (box := controls.nth(i).bounding_box())
        and (box["height"] < 48 or box["width"] < 48)
    ]
    assert small == []


@pytest.mark.parametrize(
    "path",
    [
        "/shop/catalogue/",
        "/shop/tim-kiem/?q=mat",
        "/shop/hop-tac-xa/htx-dong-banh/",
    ],
)
def test_first_product_card_is_in_the_phones_first_screen(page, demo_site, path):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + path)

    card = _box(page, ".product-card")

    assert card is not None, path
    assert card["y"] < PHONE["height"]


def test_phone_menu_opens_the_navigation_and_the_desktop_shows_it(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + "/")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav.get_by_role("link", name="Tin tức")).to_be_hidden()

    page.locator(".site-menu > summary").click()
    expect(nav.get_by_role("link", name="Tin tức")).to_be_visible()

    page.set_viewport_size(DESKTOP)
    page.goto(demo_site + "/shop/catalogue/")
    expect(nav.get_by_role("link", name="Chợ OCOP")).to_be_visible()
    assert _box(page, ".site-header")["height"] < 130


def test_header_search_suggests_products_as_a_combobox(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + "/")
    box = page.get_by_role("combobox", name="Tìm sản phẩm")

    box.fill("mat ong")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-suggestions-0")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/shop/tim-kiem/\?q=mat\+ong$"))


def test_skip_link_moves_to_the_main_content_on_a_store_page(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + "/shop/hop-tac-xa/")

    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()
