"""In real Chromium: the invitee accepts a request on a 390 px phone, staff
run the scheduler and see the progress bar reach 100 %, the requester opens
the agenda and downloads the .ics file."""

import pytest
from django.test import Client
from icalendar import Calendar
from playwright.sync_api import expect

from matchmaking.models import Meeting, ScheduleRun
from tests.factories.agreements import (
    business_create,
    cooperative_create,
    cooperative_user_create,
    staff_user_create,
)
from tests.factories.matchmaking import (
    business_user_create,
    event_create,
    meeting_create,
    participant_create,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(migrated_db, live_server):
    return live_server.url


def _tab(browser, site, user, *, width=1280):
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": width, "height": 860},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    return context, context.new_page()


def _fits(tab, width):
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


def test_accept_schedule_and_download_the_agenda(browser, site, tmp_path):
    event = event_create()
    slug = event.conference.slug
    partner = cooperative_create(name="HTX Na Chi Lăng")
    coop = participant_create(event=event, partner=partner, name="HTX Na Chi Lăng")
    business = business_create(name="Công ty Nông sản Xanh")
    buyer = participant_create(event=event, business=business)
    coop_user = cooperative_user_create(partner=partner, username="coop_a")
    buyer_user = business_user_create(business=business, username="dn_a")
    staff = staff_user_create(username="mm_staff")
    meeting = meeting_create(
        requester=buyer, invitee=coop, message="Chúng tôi muốn mua 2 tấn na mỗi tháng."
    )

    # The cooperative accepts on a phone
    context, phone = _tab(browser, site, coop_user, width=390)
    phone.goto(f"{site}/ket-noi/{slug}/gap/")
    card = phone.locator(f"#meeting-{meeting.pk}")
    expect(card).to_contain_text("Công ty Nông sản Xanh")
    _fits(phone, 390)
    card.locator("button[name=decision][value=accept]").click()
    expect(phone.locator("#accepted")).to_contain_text("Công ty Nông sản Xanh")
    _fits(phone, 390)
    phone.goto(f"{site}/ket-noi/{slug}/gap/{meeting.pk}/")
    expect(phone.locator("#meeting-contacts")).to_contain_text(buyer.contact_phone)
    _fits(phone, 390)
    context.close()
    assert Meeting.objects.get().status == "accepted"

    # Staff place the pending meetings
    context, desk = _tab(browser, site, staff)
    desk.goto(f"{site}/ket-noi/{slug}/xep-lich/")
    desk.locator("#schedule-run").click()
    expect(desk.locator("#schedule-progress")).to_have_attribute("value", "100")
    expect(desk.locator("#schedule-outcome")).to_be_visible()
    expect(desk.locator("#count-placed")).to_have_text("1")

    # A run still going: the page polls until it ends, then shows the outcome
    run = ScheduleRun.objects.create(
        event=event, status=ScheduleRun.Status.RUNNING, total=10, done=4
    )
    desk.goto(f"{site}/ket-noi/{slug}/xep-lich/?run={run.pk}")
    expect(desk.locator("#schedule-progress")).to_have_attribute("value", "40")
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=ScheduleRun.Status.DONE, done=10, placed=0
    )
    expect(desk.locator("#schedule-outcome")).to_be_visible(timeout=10_000)
    expect(desk.locator("#schedule-progress")).to_have_attribute("value", "100")
    context.close()

    # The requester's agenda and calendar file
    context, tab = _tab(browser, site, buyer_user, width=390)
    tab.goto(f"{site}/ket-noi/{slug}/lich/")
    meeting.refresh_from_db()
    item = tab.locator(f"#agenda-{meeting.pk}")
    expect(item).to_contain_text("HTX Na Chi Lăng")
    expect(item).to_contain_text(meeting.table.name)
    expect(item).to_contain_text(coop.contact_phone)
    _fits(tab, 390)
    with tab.expect_download() as info:
        tab.locator("#agenda-ics").click()
    path = tmp_path / "agenda.ics"
    info.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == meeting.starts_at
    assert "HTX Na Chi Lăng" in str(vevent["summary"])
    context.close()
