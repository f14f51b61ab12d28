"""Every meeting page fits a 390 px phone (no sideways scrolling) and a
1280 px desk. Set SCREENSHOTS=<folder> to keep a picture of each."""

import os

import pytest
from django.test import Client

from matchmaking.models import MeetingStatus
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
    meeting_place,
    participant_create,
    slot_at,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_meeting_pages_fit_a_phone_and_a_desk(browser, migrated_db, live_server):
    site = live_server.url
    event = event_create()
    slug = event.conference.slug
    partner = cooperative_create(
        name="Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Chi Lăng"
    )
    coop = participant_create(event=event, partner=partner, name=partner.name)
    business = business_create(
        name="Công ty TNHH Thương mại Xuất nhập khẩu Nông sản Xanh"
    )
    buyer = participant_create(event=event, business=business)
    third = participant_create(event=event)
    coop_user = cooperative_user_create(partner=partner, username="coop_a")
    business_user_create(business=business, username="dn_a")
    staff = staff_user_create(username="mm_staff")
    placed = meeting_place(
        meeting_create(
            requester=buyer,
            invitee=coop,
            status=MeetingStatus.ACCEPTED,
            message="Chúng tôi cần 2 tấn na mỗi tháng, giao tại Hà Nội. " * 3,
        ),
        table=event.tables.first(),
        starts_at=slot_at(event.days.first(), 0, 20),
    )
    meeting_create(requester=third, invitee=coop)
    pages = {
        coop_user: [
            "gap/",
            f"gap/{placed.pk}/",
            f"gap/moi/{third.pk}/",
            f"gap/{placed.pk}/doi-gio/",
            "lich/",
        ],
        staff: [
            "gap/tat-ca/",
            "ban-gap/",
            "xep-lich/",
            f"ban/{placed.table_id}/in/",
        ],
    }
    folder = os.environ.get("SCREENSHOTS")
    for user, paths in pages.items():
        client = Client()
        client.force_login(user)
        for width in (390, 1280):
            context = browser.new_context(
                locale="vi-VN", viewport={"width": width, "height": 900}
            )
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": site,
                    }
                ]
            )
            tab = context.new_page()
            for path in paths:
                response = tab.goto(f"{site}/ket-noi/{slug}/{path}")
                assert response.status == 200, path
                scroll = tab.evaluate("document.documentElement.scrollWidth")
                assert scroll <= width, (path, width, scroll)
                if folder:
                    name = path.strip("/").replace("/", "_") or "root"
                    tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
            context.close()
