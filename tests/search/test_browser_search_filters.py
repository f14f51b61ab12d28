"""In real Chromium: the search page's filters on a phone and on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.cooperatives import VINH_LONG

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(migrated_db, live_server, market, settings):
    # English pinned: the Vietnamese of new strings is merged later.
    settings.LANGUAGE_CODE = "en"
    return live_server.url


@pytest.fixture
def page(browser):
    """A fresh tab asking for English (this module's, over the shared one)."""
    context = browser.new_context(
        locale="en-US", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_on_a_phone_filters_wait_behind_a_button_and_apply_when_ticked(page, site):
    # Given a buyer on a phone searching "mat"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/shop/tim-kiem/?q=mat")

    # Then the filters are folded away and the first result is in the first screen
    panel = page.locator("details[data-search-filters]")
    expect(panel).not_to_have_attribute("open", re.compile(".*"))
    first = page.locator(".search-results__item").first
    assert first.bounding_box()["y"] < 844

    # When she opens the filters and ticks Vĩnh Long (from the keyboard)
    page.locator("summary", has_text="Filters").click()
    page.get_by_label(re.compile(r"^Vĩnh Long")).focus()
    page.keyboard.press("Space")

    # Then the page reloads with only that province, shown as a chip
    expect(page).to_have_url(re.compile(rf"province={VINH_LONG}"))
    expect(page.locator(".search-results__item")).to_have_count(1)
    chip = page.get_by_role("link", name=re.compile("Province: Vĩnh Long"))
    expect(chip).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Vĩnh Long"))).to_be_focused()

    # When she removes the chip, every match is back and the text is kept
    chip.click()
    expect(page).to_have_url(re.compile(r"\?q=mat$"))
    expect(page.locator(".search-results__item")).to_have_count(4)


def test_on_a_desktop_filters_are_an_open_sidebar(page, site):
    page.goto(site + "/shop/tim-kiem/?q=mat")

    expect(page.locator("details[data-search-filters]")).to_have_attribute("open", "")
    expect(page.locator(".search-filters__toggle")).to_be_hidden()
    page.get_by_label(re.compile(r"^4 stars")).check()

    expect(page).to_have_url(re.compile(r"stars=4"))
    expect(page.locator(".search-results__item")).to_have_count(1)
