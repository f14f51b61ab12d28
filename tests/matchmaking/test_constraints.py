"""The database holds matchmaking's rules even against code that skips the
services: no meeting with oneself, one open request per pair, nobody and no
table booked twice in a slot."""

import pytest
from django.db import IntegrityError, transaction

from matchmaking.models import MeetingStatus, Seat
from tests.factories.cooperatives import cooperative_create
from tests.factories.matchmaking import (
    event_create,
    meeting_create,
    meeting_place,
    participant_create,
    slot_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return event_create()


@pytest.fixture
def people(event):
    cooperative = cooperative_create(name="HTX Na Chi Lăng")
    coop = participant_create(event=event, partner=cooperative.partner)
    return coop, participant_create(event=event), participant_create(event=event)


def test_meeting_with_oneself_is_refused(people):
    coop, _, _ = people
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting_create(requester=coop, invitee=coop)


def test_second_open_request_between_a_pair_is_refused_either_way(people):
    coop, business, _ = people
    meeting_create(requester=business, invitee=coop)
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting_create(requester=coop, invitee=business)


def test_a_cancelled_request_frees_the_pair(people):
    coop, business, _ = people
    meeting_create(requester=business, invitee=coop, status=MeetingStatus.CANCELLED)
    assert meeting_create(requester=coop, invitee=business).pk


def test_a_participant_sits_once_per_slot(event, people):
    coop, first, second = people
    day, (table1, table2) = event.days.first(), list(event.tables.all())[:2]
    start = slot_at(day, 0, event.slot_minutes)
    one = meeting_create(requester=first, invitee=coop, status=MeetingStatus.ACCEPTED)
    meeting_place(one, table=table1, starts_at=start)
    two = meeting_create(requester=second, invitee=coop, status=MeetingStatus.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting_place(two, table=table2, starts_at=start)
    assert Seat.objects.filter(participant=coop).count() == 1


def test_a_table_holds_one_meeting_per_slot(event, people):
    coop, first, second = people
    day, table = event.days.first(), event.tables.first()
    start = slot_at(day, 0, event.slot_minutes)
    one = meeting_create(requester=first, invitee=coop, status=MeetingStatus.ACCEPTED)
    meeting_place(one, table=table, starts_at=start)
    two = meeting_create(requester=second, invitee=first, status=MeetingStatus.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting_place(two, table=table, starts_at=start)


def test_only_an_accepted_meeting_has_a_slot(event, people):
    coop, business, _ = people
    meeting = meeting_create(requester=business, invitee=coop)
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting_place(
            meeting,
            table=event.tables.first(),
            starts_at=slot_at(event.days.first(), 0, event.slot_minutes),
        )
