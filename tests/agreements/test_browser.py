"""In real Chromium: staff import a conference's sheet, open the dashboard,
follow the "behind" figure to the list, record a delivery, and see the
agreement's status change."""

import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from agreements.imports.columns import IMPORT_COLUMNS
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


def _sheet(*, coop_code: str, tax_code: str) -> bytes:
    today = timezone.localdate()
    start = today - datetime.timedelta(days=100)
    book = Workbook()
    sheet = book.active
    sheet.append([h for _k, h in IMPORT_COLUMNS])
    sheet.append(
        [
            "07/2024/BBTT",
            start - datetime.timedelta(days=10),
            "purchase",
            start,
            today + datetime.timedelta(days=200),
            coop_code,
            tax_code,
            "Na Chi Lăng",
            "kg",
            1000,
            50_000_000,
            start,
            today + datetime.timedelta(days=100),
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_staff_import_follow_behind_and_record_a_delivery(page, site):
    staff = staff_user_create()
    conference = conference_create(name="Hội nghị kết nối 2024", slug="hn-2024")
    coop = cooperative_create(name="HTX Đồng Bành")
    business = business_create(tax_code="4900823451", name="Công ty Kỳ Lừa")
    client = Client()
    client.force_login(staff)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )

    # Import the conference's sheet
    page.goto(f"{site}/agreements/import/?conference={conference.pk}")
    page.set_input_files(
        "input[name=file]",
        {
            "name": "hoi-nghi.xlsx",
            "mimeType": XLSX,
            "buffer": _sheet(coop_code=coop.code, tax_code=business.tax_code),
        },
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    # The sheet is checked in the background; the job page shows the preview.
    expect(page).to_have_url(re.compile(r"/agreements/import/\d+/$"))
    page.locator("#import-confirm").click()
    page.get_by_role("link", name=re.compile("hội nghị", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/agreements/list/\?conference="))
    expect(page.locator("#agreement-list")).to_contain_text("07/2024/BBTT")

    # The dashboard counts it as behind; the figure leads to the list
    page.goto(f"{site}/agreements/conferences/hn-2024/")
    expect(page.locator("#fig-behind strong")).to_have_text("1")
    page.locator("#fig-behind").click()
    expect(page).to_have_url(re.compile(r"behind=on"))
    row = page.locator("#agreement-list tbody tr", has_text="07/2024/BBTT")
    expect(row).to_contain_text("Chậm tiến độ")
    row.get_by_role("link", name="07/2024/BBTT").click()
    expect(page.locator("#agreement-status")).to_have_text("Chậm tiến độ")

    # Record a delivery that puts it back on track
    page.get_by_role("link", name="Báo cáo giao hàng").first.click()
    page.select_option("select[name=commitment]", index=1)
    page.fill("input[name=quantity]", "600")
    page.fill("input[name=value]", "30000000")
    page.get_by_role("button", name="Lưu lần giao hàng").click()

    expect(page.locator(".ag-msg").first).to_contain_text("Đã ghi nhận giao hàng")
    expect(page.locator("#agreement-status")).to_have_text("Đúng tiến độ")
