"""In real Chromium at 390 px: a cooperative registers and, once staff have
approved it, adds an offer that a business finds by typing "na chi lang"
without diacritics; the badge's QR code decodes to the check-in URL."""

import io
import re

import pytest
import zxingcpp
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from matchmaking.models import Participant
from tests.factories.agreements import business_create, staff_user_create
from tests.factories.cooperatives import (
    LANG_SON,
    cooperative_create,
    listed_product_create,
    staff_create,
)
from tests.factories.matchmaking import (
    business_user_create,
    event_create,
    participant_create,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(migrated_db, live_server):
    return live_server.url


def _phone(browser, site, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    return context, context.new_page()


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_register_approve_offer_and_find_it_without_diacritics(browser, site):
    event = event_create()
    slug = event.conference.slug
    coop = cooperative_create(name="HTX Na Chi Lăng")
    product = listed_product_create(cooperative=coop, title="Na Chi Lăng")
    coop_user = staff_create(cooperative=coop)
    staff = staff_user_create()
    business = business_create(name="Công ty Kỳ Lừa")
    business_user = business_user_create(business=business)
    participant_create(event=event, business=business)

    # A cooperative registers its profile
    context, page = _phone(browser, site, coop_user)
    page.goto(f"{site}/ket-noi/{slug}/dang-ky/")
    _fits(page)
    page.fill("[name=summary]", "Na dai Chi Lăng, 5 tấn mỗi tháng")
    page.select_option("[name=province_code]", str(LANG_SON))
    page.fill("[name=contact_name]", "Chị Lan")
    page.fill("[name=contact_phone]", "0912345678")
    page.fill("[name=attendees-0-full_name]", "Nguyễn Thị Lan")
    page.fill("[name=attendees-0-position]", "Giám đốc")
    page.locator("form.mm-profile-form button[type=submit]").click()
    expect(page.locator("#my-status .ag-status--pending")).to_be_visible()
    _fits(page)
    participant = Participant.objects.get(partner=coop.partner)

    # Staff approve it
    staff_context, staff_page = _phone(browser, site, staff)
    staff_page.goto(f"{site}/ket-noi/{slug}/tham-gia/?status=pending")
    _fits(staff_page)
    staff_page.locator("#participants a", has_text="HTX Na Chi Lăng").click()
    staff_page.check("#review input[name=decision][value=approved]")
    staff_page.locator("#review button[type=submit]").click()
    expect(staff_page).to_have_url(f"{site}/ket-noi/{slug}/tham-gia/")
    staff_context.close()
    participant.refresh_from_db()
    assert participant.is_approved

    # The cooperative adds an offer of its product
    page.goto(f"{site}/ket-noi/{slug}/chao-hang/them/")
    _fits(page)
    page.select_option("[name=product]", str(product.pk))
    page.fill("[name=monthly_volume]", "5000")
    page.fill("[name=unit]", "kg")
    page.select_option("[name=season_from]", "7")
    page.select_option("[name=season_until]", "9")
    page.fill("[name=price_min]", "40000")
    page.fill("[name=price_max]", "60000")
    page.locator("form.ag-form button[type=submit]").click()
    expect(page.locator("#market")).to_contain_text("Na Chi Lăng")
    _fits(page)

    # The badge's QR code holds the check-in URL
    page.goto(f"{site}/ket-noi/{slug}/the/{participant.pk}/")
    _fits(page)
    png = page.locator(".mm-badge__qr svg").first.screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    code = participant.attendees.get().badge_code
    assert [r.text for r in results] == [f"{site}/ket-noi/{slug}/diem-danh/{code}/"]
    context.close()

    # A business finds it typing without diacritics
    context, page = _phone(browser, site, business_user)
    page.goto(f"{site}/ket-noi/{slug}/chao-hang/")
    page.fill("form.mm-filters [name=q]", "na chi lang")
    page.locator("form.mm-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=na\+chi\+lang"))
    rows = page.locator("#market .mm-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Na Chi Lăng")
    expect(rows.first.locator("mark").first).to_have_text("Na")
    _fits(page)
    rows.first.locator(".mm-row__who a").click()
    expect(page.locator("#profile")).to_contain_text("Nguyễn Thị Lan")
    expect(page.locator("#contact")).not_to_contain_text("0912345678")
    _fits(page)
    context.close()
