"""In real Chromium: staff upload a sheet, read the preview, confirm it and
reach the imported agreements; a running import's page follows its progress
and shows the outcome when it ends."""

import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from agreements.imports.columns import IMPORT_COLUMNS
from agreements.models import Agreement, ImportJob
from tests.factories.agreements import (
    business_create,
    conference_create,
    cooperative_create,
    staff_user_create,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(migrated_db, live_server):
    return live_server.url


def _login(page, site) -> None:
    client = Client()
    client.force_login(staff_user_create())
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )


def _sheet(*, coop_code: str, tax_code: str) -> bytes:
    today = timezone.localdate()
    book = Workbook()
    sheet = book.active
    sheet.append([h for _k, h in IMPORT_COLUMNS])
    for number in ("07/2025/BBTT", "08/2025/BBTT"):
        sheet.append(
            [
                number,
                today - datetime.timedelta(days=10),
                "purchase",
                today,
                today + datetime.timedelta(days=200),
                coop_code,
                tax_code,
                "Na Chi Lăng",
                "kg",
                1000,
                50_000_000,
                today,
                today + datetime.timedelta(days=100),
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_staff_upload_read_the_preview_and_confirm(page, site):
    conference = conference_create(name="Hội nghị kết nối 2025", slug="hn-2025")
    coop = cooperative_create(name="HTX Đồng Bành")
    business = business_create(tax_code="4900823451")
    _login(page, site)

    # Upload: the page moves on to the import's own page, with the preview
    page.goto(f"{site}/agreements/import/?conference={conference.pk}")
    page.set_input_files(
        "input[name=file]",
        {
            "name": "hoi-nghi.xlsx",
            "mimeType": XLSX,
            "buffer": _sheet(coop_code=coop.code, tax_code=business.tax_code),
        },
    )
    page.locator("#import-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/agreements/import/\d+/$"))
    expect(page.locator("#import-preview tbody tr")).to_have_count(2)
    assert not Agreement.objects.exists()

    # Confirm: written, and the outcome leads to the conference's agreements
    page.locator("#import-confirm").click()
    expect(page.locator("#import-outcome")).to_be_visible()
    assert Agreement.objects.count() == 2
    page.locator("#import-outcome a").click()
    expect(page).to_have_url(re.compile(r"/agreements/list/\?conference="))
    expect(page.locator("#agreement-list")).to_contain_text("08/2025/BBTT")


def test_a_running_import_page_follows_the_progress_to_the_outcome(page, site):
    conference = conference_create()
    _login(page, site)
    job = ImportJob.objects.create(
        conference=conference, status="importing", rows_total=400, rows_done=100
    )

    page.goto(f"{site}{job.get_absolute_url()}")
    progress = page.get_by_role("progressbar")
    expect(progress).to_have_attribute("value", "25")

    ImportJob.objects.filter(pk=job.pk).update(rows_done=300)
    expect(progress).to_have_attribute("value", "75")

    ImportJob.objects.filter(pk=job.pk).update(
        status="done", rows_done=400, agreements_created=4, commitments_created=5
    )
    expect(page.locator("#import-outcome")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_count(0)
