"""Build matchmaking rows for tests: a conference's event with its days and
tables, participants (cooperatives and businesses), offers, requests,
meetings, and the business staff who act for a business."""

import datetime
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from marketplace.core import roles
from matchmaking.models import (
    Attendee,
    Event,
    Meeting,
    MeetingDay,
    MeetingStatus,
    Offer,
    Participant,
    ParticipantStatus,
    Seat,
    Table,
    Want,
)
from tests.factories.agreements import LANG_SON, business_create, conference_create

User = get_user_model()
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
_seq = count(1)


def event_create(
    *,
    conference=None,
    opens: datetime.date | None = None,
    closes: datetime.date | None = None,
    days: int = 2,
    first_day: datetime.date | None = None,
    tables: int = 3,
    slot_minutes: int = 20,
    hours: tuple[datetime.time, datetime.time] = (
        datetime.time(8, 0),
        datetime.time(11, 0),
    ),
) -> Event:
    """An event whose registration is open today, with meeting days after it
    closes and a few tables."""
    today = timezone.localdate()
    opens = opens or today - datetime.timedelta(days=10)
    closes = closes or today + datetime.timedelta(days=10)
    first_day = first_day or closes + datetime.timedelta(days=5)
    conference = conference or conference_create(
        start_date=first_day, end_date=first_day + datetime.timedelta(days=days - 1)
    )
    event = Event.objects.create(
        conference=conference,
        registration_opens=opens,
        registration_closes=closes,
        slot_minutes=slot_minutes,
    )
    for n in range(days):
        MeetingDay.objects.create(
            event=event,
            date=first_day + datetime.timedelta(days=n),
            starts_at=hours[0],
            ends_at=hours[1],
        )
    for n in range(tables):
        Table.objects.create(event=event, name=f"Bàn {n + 1}", position=n + 1)
    return event


def business_user_create(*, business, username: str | None = None):
    """A business's employee in the Business staff role."""
    n = next(_seq)
    username = username or f"dn{n}"
    user = User.objects.create_user(
        username=username, email=f"{username}@example.test", password="pw"
    )
    user.groups.add(Group.objects.get(name=roles.BUSINESS_STAFF))
    business.users.add(user)
    return user


def participant_create(
    *,
    event: Event,
    partner=None,
    business=None,
    status: str = ParticipantStatus.APPROVED,
    name: str | None = None,
    attendees: int = 1,
    **fields,
) -> Participant:
    """A participant: a cooperative when ``partner`` is given, else a business
    (a new one unless ``business`` is given)."""
    if partner is None and business is None:
        business = business_create()
    name = name or (partner.name if partner is not None else business.name)
    n = next(_seq)
    participant = Participant.objects.create(
        event=event,
        partner=partner,
        business=business,
        name=name,
        status=status,
        province_code=fields.pop("province_code", LANG_SON),
        contact_name=fields.pop("contact_name", f"Người liên hệ {n}"),
        contact_phone=fields.pop("contact_phone", f"0912{n:06d}"),
        contact_email=fields.pop("contact_email", f"lienhe{n}@example.test"),
        **fields,
    )
    for k in range(attendees):
        Attendee.objects.create(
            participant=participant, full_name=f"Đại biểu {n}.{k + 1}"
        )
    return participant


def offer_create(*, participant: Participant, product, **fields) -> Offer:
    defaults = {
        "monthly_volume": Decimal("500"),
        "unit": "kg",
        "season_from": 7,
        "season_until": 9,
        "price_min": Decimal("40000"),
        "price_max": Decimal("60000"),
    }
    return Offer.objects.create(
        participant=participant, product=product, **{**defaults, **fields}
    )


def want_create(*, participant: Participant, goods: str = "Na", **fields) -> Want:
    today = timezone.localdate()
    defaults = {
        "monthly_volume": Decimal("400"),
        "unit": "kg",
        "deliver_from": today + datetime.timedelta(days=60),
        "deliver_until": today + datetime.timedelta(days=180),
        "destination_province_code": 1,
    }
    return Want.objects.create(
        participant=participant, goods=goods, **{**defaults, **fields}
    )


def meeting_create(
    *,
    requester: Participant,
    invitee: Participant,
    status: str = MeetingStatus.REQUESTED,
    **fields,
) -> Meeting:
    return Meeting.objects.create(
        event=requester.event,
        requester=requester,
        invitee=invitee,
        status=status,
        message=fields.pop("message", "Xin gặp để trao đổi."),
        **fields,
    )


def meeting_place(
    meeting: Meeting, *, table: Table, starts_at: datetime.datetime
) -> Meeting:
    """Put an accepted meeting at a table and slot, with both sides' seats
    (what the scheduler writes)."""
    meeting.table = table
    meeting.starts_at = starts_at
    meeting.save(update_fields=["table", "starts_at"])
    for participant_id in (meeting.requester_id, meeting.invitee_id):
        Seat.objects.create(
            meeting=meeting, participant_id=participant_id, starts_at=starts_at
        )
    return meeting


def slot_at(day: MeetingDay, index: int, minutes: int) -> datetime.datetime:
    """The aware start of the ``index``-th slot of ``day``."""
    start = datetime.datetime.combine(day.date, day.starts_at, tzinfo=LOCAL)
    return start + datetime.timedelta(minutes=minutes * index)
