"""In real Chromium, the whole trade connection, as the issue tells it:

1. a business registers, finds a cooperative's offer by typing without
   diacritics, and asks for a meeting;
2. the cooperative accepts;
3. staff place the meetings;
4. both sides see the meeting in their agenda and download the .ics file;
5. both record "MOU to sign", and the draft agreement appears in the
   register with both parties.

The meeting day is yesterday (the conference has begun), so that the
outcome can be recorded at once; registration is still open today.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from agreements.models import Agreement, Business
from marketplace.core import roles
from matchmaking.models import Participant, ParticipantStatus
from tests.factories.agreements import conference_create, staff_user_create
from tests.factories.cooperatives import (
    cooperative_create,
    listed_product_create,
    staff_create,
)
from tests.factories.matchmaking import event_create, offer_create, participant_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-dai-2026"


@pytest.fixture
def site(migrated_db, live_server):
    return live_server.url


def _as(page, site, user) -> None:
    """Continue in the browser as ``user`` (a fresh session)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )


def _ics_summary(download) -> list[str]:
    calendar = Calendar.from_ical(open(download.path(), "rb").read())
    return [str(event.get("summary")) for event in calendar.walk("VEVENT")]


def test_from_registration_to_a_draft_agreement_in_the_register(page, site):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    conference = conference_create(
        name="Hội nghị kết nối Lạng Sơn 2027",
        slug="ket-noi-2027",
        start_date=yesterday,
        end_date=today,
    )
    event = event_create(
        conference=conference,
        opens=today - datetime.timedelta(days=5),
        closes=today + datetime.timedelta(days=5),
        first_day=yesterday,
        days=1,
        tables=2,
    )
    cooperative = cooperative_create(name="HTX Na Chi Lăng")
    coop_user = staff_create(cooperative=cooperative)
    product = listed_product_create(cooperative=cooperative, title="Na Chi Lăng")
    coop = participant_create(
        event=event, partner=cooperative.partner, name=cooperative.name
    )
    offer_create(participant=coop, product=product)
    staff = staff_user_create()
    moderator = staff_user_create(username="kiemduyet")
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))

    # 1. A business registers itself (on a phone)...
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/ket-noi/doanh-nghiep/dang-ky/")
    page.fill("input[name=name]", "Công ty TNHH Nông sản Đồng Đăng")
    page.fill("input[name=tax_code]", "0100109106")
    page.select_option("select[name=kind]", "distributor")
    page.select_option("select[name=province_code]", "20")
    page.fill("input[name=address]", "12 Trần Đăng Ninh, Lạng Sơn")
    page.fill("input[name=contact_name]", "Nguyễn Văn An")
    page.fill("input[name=phone]", "0912345678")
    page.fill("input[name=email]", "lienhe@dongdang.example")
    page.fill("input[name=full_name]", "Nguyễn Văn An")
    page.fill("input[name=login_email]", "an@dongdang.example")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form.mm-register button[type=submit]").click()
    expect(page.locator("#registered-new")).to_be_visible()
    business = Business.objects.get(tax_code="0100109106")
    buyer = business.users.get()

    # ... a moderator approves it ...
    _as(page, site, moderator)
    page.goto(site + f"/ket-noi/doanh-nghiep/kiem-duyet/{business.pk}/")
    page.locator("#business-decision input[value=approve]").check()
    page.locator("#business-decision button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ket-noi/doanh-nghiep/kiem-duyet/$"))

    # ... it registers for the conference, and staff approve the profile.
    _as(page, site, buyer)
    page.goto(site + "/ket-noi/ket-noi-2027/dang-ky/")
    page.fill("textarea[name=summary]", "Cần mua na, hồng, mật ong cho chuỗi cửa hàng.")
    page.fill("input[name=contact_name]", "Nguyễn Văn An")
    page.fill("input[name=contact_phone]", "0912345678")
    page.fill("input[name=attendees-0-full_name]", "Nguyễn Văn An")
    page.get_by_role("button", name="Gửi đăng ký").click()
    participant = Participant.objects.get(event=event, business=business)
    assert participant.status == ParticipantStatus.PENDING
    _as(page, site, staff)
    page.goto(site + f"/ket-noi/ket-noi-2027/tham-gia/{participant.pk}/")
    page.locator("#review input[name=decision][value=approved]").check()
    page.locator("#review button[type=submit]").click()
    expect(page.locator(".ag-msg").first).to_be_visible()
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.APPROVED

    # The business finds the offer without diacritics and asks for a meeting.
    _as(page, site, buyer)
    page.goto(site + "/ket-noi/ket-noi-2027/chao-hang/")
    page.fill("input[name=q]", "na chi lang")
    page.locator("form.mm-filters button[type=submit]").click()
    offer_row = page.locator("#market li", has_text="HTX Na Chi Lăng").first
    expect(offer_row).to_contain_text("Na Chi Lăng")
    offer_row.get_by_role("link", name="Đề nghị gặp").click()
    page.fill("textarea[name=message]", "Chúng tôi muốn mua na cho mùa tới.")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.locator(".ag-msg").first).to_be_visible()

    # 2. The cooperative accepts.
    _as(page, site, coop_user)
    page.goto(site + "/ket-noi/ket-noi-2027/gap/")
    received = page.locator("#received")
    expect(received).to_contain_text("Công ty TNHH Nông sản Đồng Đăng")
    received.get_by_role("button", name="Chấp nhận").click()
    expect(page.locator("#accepted")).to_contain_text("Đồng Đăng")

    # 3. Staff place the meetings; the progress bar reaches 100 %.
    page.set_viewport_size({"width": 1280, "height": 900})
    _as(page, site, staff)
    page.goto(site + "/ket-noi/ket-noi-2027/xep-lich/")
    page.locator("#schedule-run").click()
    expect(page.locator("#schedule-progress-text")).to_have_text("100 %")
    expect(page.locator("#count-placed")).to_have_text("1")

    # 4. Both sides see it in their agenda and download the .ics file.
    for user, other in ((buyer, "HTX Na Chi Lăng"), (coop_user, "Đồng Đăng")):
        _as(page, site, user)
        page.goto(site + "/ket-noi/ket-noi-2027/lich/")
        expect(page.locator(".mm-agenda__item")).to_contain_text(other)
        with page.expect_download() as download:
            page.locator("#agenda-ics").click()
        (summary,) = _ics_summary(download.value)
        assert other in summary

        # 5. ... and each records "MOU to sign".
        page.locator(".mm-agenda__item").get_by_role("link", name="Ghi kết quả").click()
        page.locator("input[name=outcome][value=mou]").check()
        page.get_by_role("button", name="Lưu kết quả").click()
        expect(page.locator(".ag-msg").first).to_be_visible()

    expect(page.locator("#meeting-agreement")).to_be_visible()
    draft = Agreement.objects.get(conference=conference)
    assert draft.is_draft
    parties = {party.name for party in draft.parties.all()}
    assert parties == {"HTX Na Chi Lăng", "Công ty TNHH Nông sản Đồng Đăng"}

    # The draft is in the register, with both parties, for staff to complete.
    _as(page, site, staff)
    page.goto(site + f"/agreements/list/?conference={conference.pk}")
    row = page.locator("#agreement-list tbody tr", has_text=draft.number)
    expect(row).to_contain_text("Dự thảo")
    row.get_by_role("link", name=draft.number).click()
    expect(page.locator("body")).to_contain_text("HTX Na Chi Lăng")
    expect(page.locator("body")).to_contain_text("Công ty TNHH Nông sản Đồng Đăng")
