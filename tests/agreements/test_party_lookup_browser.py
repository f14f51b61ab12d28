"""In real Chromium: the list's business box suggests as you type, is driven
by the keyboard, and filters on the business chosen."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.factories.agreements import (
    agreement_create,
    business_create,
    staff_user_create,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(migrated_db, live_server):
    return live_server.url


def test_business_box_suggests_and_is_chosen_with_the_keyboard(page, site):
    # Given two agreements with businesses whose names share a word
    sao_mai = business_create(name="Công ty Sao Mai", tax_code="0101111111")
    agreement_create(business=sao_mai, number="A-1")
    agreement_create(
        business=business_create(name="Công ty Đồng Xanh", tax_code="0202222222"),
        number="B-1",
    )
    client = Client()
    client.force_login(staff_user_create())
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    page.goto(f"{site}/agreements/list/")
    box = page.locator("#id_business")

    # When staff type without accents, go down to the second match and
    # press Enter twice (choose, then filter)
    box.fill("cong ty")
    options = page.locator("#id_business-listbox [role=option]")
    expect(options).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "id_business-listbox-1")
    box.press("Enter")
    expect(box).to_have_value("Công ty Sao Mai")
    box.press("Enter")

    # Then the list shows that business's agreement only.
    expect(page.locator("#agreement-list tbody tr")).to_have_count(1)
    expect(page.locator("#agreement-list tbody tr")).to_have_attribute(
        "data-number", "A-1"
    )
    expect(page.locator("input[name=business_id]")).to_have_value(str(sao_mai.pk))
