"""In real Chromium: agreements staff change a commitment's value from
6,000,000 to 7,000,000 dong and read the change, with their name, in the
agreement's history."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.factories.agreements import agreement_create, staff_user_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(migrated_db, live_server):
    return live_server.url


def test_staff_edit_a_commitment_and_see_who_changed_what(page, site):
    staff = staff_user_create(username="lan")
    staff.first_name, staff.last_name = "Lan", "Nguyễn Thị"
    staff.save()
    agreement = agreement_create(
        number="09/2024/BBTT", lines=[{"goods": "Na Chi Lăng", "value": 6_000_000}]
    )
    client = Client()
    client.force_login(staff)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )

    page.goto(f"{site}/agreements/{agreement.pk}/edit/")
    page.fill("input[name=lines-0-value]", "7000000")
    page.locator("form.ag-form button[type=submit]").last.click()

    expect(page).to_have_url(re.compile(rf"/agreements/{agreement.pk}/$"))
    change = page.locator("#history .ag-history__item").first
    expect(change).to_contain_text(staff.get_full_name())
    expect(change).to_contain_text("Na Chi Lăng")
    expect(change.locator("dt")).to_have_text(["Giá trị cam kết (đồng)"])
    expect(change.locator("del")).to_have_text("6.000.000\xa0₫")
    expect(change.locator("ins")).to_have_text("7.000.000\xa0₫")
