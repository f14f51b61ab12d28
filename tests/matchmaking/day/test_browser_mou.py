"""In real Chromium: both sides of a meeting record "MOU to sign", the
draft agreement appears in the register with both parties, and staff mark
it signed."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from agreements.models import Agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(migrated_db, live_server):
    return live_server.url


def log_in(page, site, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )


def record_mou(page, site, day, user) -> None:
    log_in(page, site, user)
    page.goto(
        site + reverse("matchmaking:meeting-outcome", args=[day.slug, day.meeting.pk])
    )
    page.locator(".mm-outcome-form input[value=mou]").check()
    page.locator(".mm-outcome-form button[type=submit]").click()
    expect(page.locator(".ag-messages")).to_be_visible()


def test_both_sides_mou_then_staff_sign_the_draft(site, day, page):
    record_mou(page, site, day, day.coop_user)
    record_mou(page, site, day, day.business_user)
    expect(page.locator("#meeting-agreement")).to_be_visible()
    draft = Agreement.objects.get(is_draft=True)

    log_in(page, site, day.staff)
    page.goto(site + reverse("agreements:list"))
    row = page.locator(f'tr[data-number="{draft.number}"]')
    expect(row).to_contain_text(day.coop.name)
    expect(row).to_contain_text(day.business.name)
    expect(row.locator(".ag-status--draft")).to_be_visible()

    row.locator("a").first.click()
    expect(page.locator("#agreement-draft")).to_be_visible()
    page.locator(f'a[href="{reverse("agreements:sign", args=[draft.pk])}"]').click()
    page.locator("input[name=signed_on]").fill(str(day.day.date))
    page.locator("form.ag-form button[type=submit]").click()

    expect(page.locator("#agreement-status .ag-status--draft")).to_have_count(0)
    expect(page.locator("#agreement-draft")).to_have_count(0)
    draft.refresh_from_db()
    assert not draft.is_draft
