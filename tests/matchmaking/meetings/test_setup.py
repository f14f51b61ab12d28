"""Meeting days, slot length and tables: what staff may change, and the
clear refusals when meetings stand in the way."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from matchmaking.models import MeetingDay, MeetingStatus, Table
from matchmaking.services import setup
from tests.factories.matchmaking import meeting_create, meeting_place, slot_at

pytestmark = pytest.mark.django_db

T = datetime.time


def _placed(world, index=0):
    meeting = meeting_create(
        requester=world.coop, invitee=world.business, status=MeetingStatus.ACCEPTED
    )
    return meeting_place(
        meeting,
        table=world.event.tables.first(),
        starts_at=slot_at(world.event.days.first(), index, 20),
    )


def test_a_day_is_added_near_the_conference(world):
    start = world.event.conference.start_date
    day = setup.meeting_day_save(
        event=world.event,
        date=start + datetime.timedelta(days=2),
        starts_at=T(13),
        ends_at=T(17),
    )
    assert day.pk and world.event.days.count() == 3


def test_a_day_far_from_the_conference_is_refused(world):
    far = world.event.conference.start_date + datetime.timedelta(days=30)
    with pytest.raises(ValidationError, match="within 7 days of the conference"):
        setup.meeting_day_save(
            event=world.event, date=far, starts_at=T(8), ends_at=T(9)
        )


def test_hours_that_hold_no_slot_are_refused(world):
    date = world.event.conference.start_date + datetime.timedelta(days=2)
    with pytest.raises(ValidationError, match="do not hold a single 20-minute"):
        setup.meeting_day_save(
            event=world.event, date=date, starts_at=T(8), ends_at=T(8, 15)
        )
    with pytest.raises(ValidationError, match="end after it starts"):
        setup.meeting_day_save(
            event=world.event, date=date, starts_at=T(9), ends_at=T(8)
        )


def test_the_same_date_twice_is_refused(world):
    day = world.event.days.first()
    with pytest.raises(ValidationError, match="already a meeting day"):
        setup.meeting_day_save(
            event=world.event, date=day.date, starts_at=T(13), ends_at=T(15)
        )


def test_a_day_holding_meetings_is_not_removed(world):
    _placed(world)
    day = world.event.days.first()
    with pytest.raises(ValidationError, match="still holds 1 meeting"):
        setup.meeting_day_remove(day=day)
    assert MeetingDay.objects.filter(pk=day.pk).exists()
    setup.meeting_day_remove(day=world.event.days.last())
    assert world.event.days.count() == 1


def test_new_hours_that_strand_a_meeting_are_refused(world):
    _placed(world, index=0)  # 08:00
    day = world.event.days.first()
    with pytest.raises(ValidationError, match="1 meeting placed on this day"):
        setup.meeting_day_save(
            event=world.event, day=day, date=day.date, starts_at=T(9), ends_at=T(11)
        )
    setup.meeting_day_save(
        event=world.event, day=day, date=day.date, starts_at=T(8), ends_at=T(12)
    )
    day.refresh_from_db()
    assert day.ends_at == T(12)


def test_the_slot_length_changes_only_while_nothing_is_placed(world):
    setup.event_slot_minutes_set(event=world.event, minutes=30)
    assert world.event.slot_minutes == 30
    _placed_30 = meeting_create(
        requester=world.coop, invitee=world.business, status=MeetingStatus.ACCEPTED
    )
    meeting_place(
        _placed_30,
        table=world.event.tables.first(),
        starts_at=slot_at(world.event.days.first(), 0, 30),
    )
    with pytest.raises(ValidationError, match="1 meeting is already placed"):
        setup.event_slot_minutes_set(event=world.event, minutes=20)


@pytest.mark.parametrize("minutes", [5, 61])
def test_a_slot_length_out_of_range_is_refused(world, minutes):
    with pytest.raises(ValidationError, match="from 10 to 60 minutes"):
        setup.event_slot_minutes_set(event=world.event, minutes=minutes)


def test_a_slot_longer_than_a_day_is_refused(world):
    day = world.event.days.first()
    day.ends_at = T(8, 30)
    day.save()
    with pytest.raises(ValidationError, match="do not hold a single meeting"):
        setup.event_slot_minutes_set(event=world.event, minutes=45)


def test_tables_are_added_renamed_and_removed(world):
    table = setup.table_add(event=world.event, name="  Bàn   VIP ")
    assert table.name == "Bàn VIP" and table.position == 4
    setup.table_rename(table=table, name="Bàn khách mời")
    with pytest.raises(ValidationError, match="Another table has this name"):
        setup.table_rename(table=table, name="bàn 1")
    added = setup.tables_add_many(event=world.event, count=2, prefix="Bàn")
    assert [t.name for t in added] == ["Bàn 4", "Bàn 5"]
    setup.table_remove(table=table)
    assert not Table.objects.filter(pk=table.pk).exists()


def test_a_table_holding_meetings_is_not_removed(world):
    meeting = _placed(world)
    with pytest.raises(ValidationError, match="Bàn 1 still holds 1 meeting"):
        setup.table_remove(table=meeting.table)
    assert Table.objects.filter(pk=meeting.table_id).exists()
