"""A conference whose meeting day is today: a cooperative (with an offer)
and a business (with a request) in an accepted meeting at a table, the
staff who run it and each side's user."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from matchmaking.models import MeetingStatus
from tests.factories.agreements import (
    cooperative_create,
    cooperative_user_create,
    staff_user_create,
)
from tests.factories.catalogue import product_create
from tests.factories.matchmaking import (
    business_user_create,
    event_create,
    meeting_create,
    meeting_place,
    offer_create,
    participant_create,
    slot_at,
    want_create,
)


@pytest.fixture
def day(db):
    """Return the world of a conference day (see the module's docstring)."""
    today = timezone.localdate()
    event = event_create(
        opens=today - datetime.timedelta(days=30),
        closes=today - datetime.timedelta(days=5),
        first_day=today,
        days=1,
        hours=(datetime.time(0, 0), datetime.time(23, 0)),
    )
    partner = cooperative_create(name="HTX Na Chi Lăng")
    coop = participant_create(event=event, partner=partner)
    business = participant_create(event=event)
    product = product_create(title="Na dai", partner=partner, image=False)
    offer = offer_create(participant=coop, product=product)
    want = want_create(
        participant=business,
        goods="Na",
        deliver_from=today + datetime.timedelta(days=30),
        deliver_until=today + datetime.timedelta(days=30 + 89),
    )
    meeting = meeting_create(
        requester=business,
        invitee=coop,
        status=MeetingStatus.ACCEPTED,
        offer=offer,
        want=want,
    )
    (meeting_day,) = event.days.all()
    meeting_place(
        meeting, table=event.tables.first(), starts_at=slot_at(meeting_day, 0, 20)
    )
    return SimpleNamespace(
        event=event,
        slug=event.conference.slug,
        day=meeting_day,
        coop=coop,
        business=business,
        offer=offer,
        want=want,
        meeting=meeting,
        product=product,
        staff=staff_user_create(username="mm-staff"),
        coop_user=cooperative_user_create(partner=partner, username="mm-coop"),
        business_user=business_user_create(
            business=business.business, username="mm-business"
        ),
    )
