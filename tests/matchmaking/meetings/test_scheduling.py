"""The scheduler places every accepted meeting it can, nobody and no table
twice, fairly; moving a meeting keeps to the grid of the meeting days."""

import datetime
from collections import Counter

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from matchmaking.models import Meeting, MeetingStatus, ScheduleRun, Seat
from matchmaking.selectors.meetings import event_slots, unplaced_reasons
from matchmaking.services import scheduling
from matchmaking.services.meetings import meeting_move
from matchmaking.services.scheduling import meetings_schedule, schedule_run_start
from tests.factories.matchmaking import (
    LOCAL,
    event_create,
    meeting_create,
    meeting_place,
    participant_create,
    slot_at,
)

pytestmark = pytest.mark.django_db

ACCEPTED = MeetingStatus.ACCEPTED


def _accepted(a, b, **fields):
    return meeting_create(requester=a, invitee=b, status=ACCEPTED, **fields)


def _no_double_booking(event):
    meetings = Meeting.objects.filter(event=event, starts_at__isnull=False)
    tables = Counter((m.table_id, m.starts_at) for m in meetings)
    assert max(tables.values(), default=1) == 1
    people = Counter()
    for m in meetings:
        people[(m.requester_id, m.starts_at)] += 1
        people[(m.invitee_id, m.starts_at)] += 1
    assert max(people.values(), default=1) == 1
    slots = set(event_slots(event=event))
    assert all(m.starts_at in slots for m in meetings)
    assert Seat.objects.filter(meeting__event=event).count() == 2 * meetings.count()


def test_every_accepted_meeting_is_placed_on_the_grid_once(world):
    a, b, c = world.coop, world.business, world.other
    meetings = [_accepted(a, b), _accepted(a, c), _accepted(b, c)]
    meeting_create(requester=world.other, invitee=world.coop, status="declined")
    result = meetings_schedule(event=world.event)
    assert (result.placed, result.unplaced) == (3, 0)
    for meeting in meetings:
        meeting.refresh_from_db()
        assert meeting.starts_at is not None and meeting.table is not None
        assert meeting.scheduled_at is not None
    _no_double_booking(world.event)
    assert sorted(result.new_slots) == sorted([a.pk, b.pk, c.pk])
    assert all(len(slots) == 2 for slots in result.new_slots.values())


def test_meetings_already_placed_and_their_seats_stay(world):
    day = world.event.days.first()
    first_slot = slot_at(day, 0, 20)
    table = world.event.tables.first()
    kept = meeting_place(
        _accepted(world.coop, world.business), table=table, starts_at=first_slot
    )
    new = _accepted(world.coop, world.other)
    result = meetings_schedule(event=world.event)
    assert result.placed == 1
    kept.refresh_from_db()
    new.refresh_from_db()
    assert (kept.starts_at, kept.table) == (first_slot, table)
    assert new.starts_at != first_slot  # the cooperative is busy then
    _no_double_booking(world.event)


def test_a_second_run_places_nothing_new(world):
    _accepted(world.coop, world.business)
    meetings_schedule(event=world.event)
    result = meetings_schedule(event=world.event)
    assert (result.placed, result.unplaced) == (0, 0)


def test_without_days_or_tables_nothing_is_placed_and_the_reason_is_given(world):
    world.event.days.all().delete()
    _accepted(world.coop, world.business)
    result = meetings_schedule(event=world.event)
    assert (result.placed, result.unplaced) == (0, 1)
    assert result.reasons == {scheduling.NO_SLOTS: 1}
    assert unplaced_reasons(event=world.event) == [
        ("The conference has no meeting days or no tables.", 1)
    ]


def test_more_meetings_than_slots_leave_the_rest_unplaced_with_why(db):
    # One day of three slots, one table: a hub asked by five participants.
    event = event_create(
        days=1, tables=1, hours=(datetime.time(8), datetime.time(9)), slot_minutes=20
    )
    hub = participant_create(event=event)
    others = [participant_create(event=event) for _ in range(5)]
    for other in others:
        _accepted(other, hub)
    result = meetings_schedule(event=event)
    assert (result.placed, result.unplaced) == (3, 2)
    assert result.reasons == {scheduling.NO_COMMON_SLOT: 2}
    _no_double_booking(event)


def test_a_table_shortage_is_told_apart_from_busy_sides(db):
    event = event_create(
        days=1, tables=1, hours=(datetime.time(8), datetime.time(8, 20))
    )
    people = [participant_create(event=event) for _ in range(4)]
    _accepted(people[0], people[1])
    _accepted(people[2], people[3])
    result = meetings_schedule(event=event)
    assert (result.placed, result.unplaced) == (1, 1)
    assert result.reasons == {scheduling.NO_TABLE: 1}


def test_one_participants_many_requests_do_not_crowd_out_the_others(db):
    # 6 slots, 1 table. A busy buyer asked 6 cooperatives and was asked
    # first; 3 other pairs asked later. The rounds give every pair its
    # meeting before the buyer gets a fourth.
    event = event_create(
        days=1, tables=1, hours=(datetime.time(8), datetime.time(10)), slot_minutes=20
    )
    buyer = participant_create(event=event)
    for _ in range(6):
        _accepted(buyer, participant_create(event=event))
    late_pairs = [
        _accepted(participant_create(event=event), participant_create(event=event))
        for _ in range(3)
    ]
    result = meetings_schedule(event=event)
    assert result.placed == 6
    for meeting in late_pairs:
        meeting.refresh_from_db()
        assert meeting.starts_at is not None
    assert Seat.objects.filter(participant=buyer).count() == 3


def test_the_first_to_ask_does_not_get_all_the_early_slots(db):
    # A hub asked four participants before four other pairs asked each
    # other: first come, first served would give the hub 08:00-09:00.
    event = event_create(
        days=1,
        tables=2,
        hours=(datetime.time(8), datetime.time(10, 40)),
        slot_minutes=20,
    )
    hub = participant_create(event=event)
    for _ in range(4):
        _accepted(hub, participant_create(event=event))
    for _ in range(4):
        _accepted(participant_create(event=event), participant_create(event=event))
    meetings_schedule(event=event)
    early = set(event_slots(event=event)[:4])
    hub_slots = set(
        Seat.objects.filter(participant=hub).values_list("starts_at", flat=True)
    )
    assert len(hub_slots) == 4
    assert len(hub_slots & early) == 1
    # The four other pairs all meet in the first round, before the hub's
    # second meeting.
    hub_partners = Meeting.objects.filter(requester=hub).values("invitee")
    pairs = Meeting.objects.filter(event=event).exclude(requester=hub)
    assert not pairs.filter(invitee__in=hub_partners).exists()
    assert max(pairs.values_list("starts_at", flat=True)) < sorted(hub_slots)[1]
    _no_double_booking(event)


def test_a_conflict_at_write_time_writes_nothing(world, monkeypatch):
    _accepted(world.coop, world.business)
    _accepted(world.coop, world.other)

    def refuse(*args, **kwargs):
        raise IntegrityError("seat_participant_once_per_slot")

    monkeypatch.setattr(Seat.objects, "bulk_create", refuse)
    result = meetings_schedule(event=world.event)
    assert result.placed == 0 and "nothing was placed" in result.error
    assert not Meeting.objects.filter(starts_at__isnull=False).exists()


def test_a_run_reports_progress_and_mails_each_participant_once(
    world, django_capture_on_commit_callbacks
):
    _accepted(world.coop, world.business)
    _accepted(world.coop, world.other)
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule_run_start(event=world.event, user=world.staff)
    assert (run.status, run.placed, run.unplaced) == ("done", 2, 0)
    assert run.done == run.total == 2 and run.finished_at is not None
    coop_mails = [m for m in mail.outbox if "coop_a@example.test" in m.to]
    assert len(coop_mails) == 1
    assert coop_mails[0].body.count("Bàn") == 2


def test_a_run_in_progress_is_not_started_twice(world):
    running = ScheduleRun.objects.create(
        event=world.event, status=ScheduleRun.Status.RUNNING
    )
    assert schedule_run_start(event=world.event, user=world.staff) == running


# Moving


def _placed(world, index=0):
    day = world.event.days.first()
    return meeting_place(
        _accepted(world.coop, world.business),
        table=world.event.tables.first(),
        starts_at=slot_at(day, index, 20),
    )


def test_either_side_moves_a_meeting_to_a_free_slot(world):
    meeting = _placed(world)
    target = slot_at(world.event.days.last(), 2, 20)
    meeting_move(meeting=meeting, starts_at=target, by=world.coop)
    meeting.refresh_from_db()
    assert meeting.starts_at == target
    assert set(Seat.objects.values_list("starts_at", flat=True)) == {target}


def test_a_slot_outside_the_meeting_days_is_refused(world):
    meeting = _placed(world)
    day = world.event.days.first()
    for wrong in (
        datetime.datetime.combine(day.date, datetime.time(7, 40), tzinfo=LOCAL),
        datetime.datetime.combine(day.date, datetime.time(8, 10), tzinfo=LOCAL),
        datetime.datetime.combine(day.date, datetime.time(11, 0), tzinfo=LOCAL),
        datetime.datetime.combine(
            day.date + datetime.timedelta(days=9), datetime.time(8), tzinfo=LOCAL
        ),
    ):
        with pytest.raises(ValidationError, match="not a slot of the meeting days"):
            meeting_move(meeting=meeting, starts_at=wrong, by=world.coop)


def test_a_slot_where_one_side_is_busy_is_refused(world):
    meeting = _placed(world)
    day = world.event.days.first()
    busy = meeting_place(
        _accepted(world.business, world.other),
        table=world.event.tables.last(),
        starts_at=slot_at(day, 3, 20),
    )
    with pytest.raises(ValidationError, match="another meeting then"):
        meeting_move(meeting=meeting, starts_at=busy.starts_at, by=world.coop)


def test_a_slot_with_every_table_taken_is_refused(db):
    event = event_create(tables=1)
    people = [participant_create(event=event) for _ in range(4)]
    day = event.days.first()
    table = event.tables.get()
    meeting_place(
        _accepted(people[0], people[1]), table=table, starts_at=slot_at(day, 0, 20)
    )
    mover = meeting_place(
        _accepted(people[2], people[3]), table=table, starts_at=slot_at(day, 1, 20)
    )
    with pytest.raises(ValidationError, match="No table is free"):
        meeting_move(meeting=mover, starts_at=slot_at(day, 0, 20), by=people[2])


def test_moving_on_the_day_or_by_a_third_is_refused(world):
    meeting = _placed(world)
    target = slot_at(world.event.days.last(), 1, 20)
    with pytest.raises(ValidationError, match="only before its day"):
        meeting_move(
            meeting=meeting,
            starts_at=target,
            by=world.coop,
            today=world.event.days.first().date,
        )
    with pytest.raises(ValidationError, match="Only the two sides"):
        meeting_move(meeting=meeting, starts_at=target, by=world.other)


def test_a_requested_meeting_cannot_be_given_a_time(world):
    meeting = meeting_create(requester=world.coop, invitee=world.business)
    with pytest.raises(ValidationError, match="Only an accepted meeting"):
        meeting_move(
            meeting=meeting,
            starts_at=slot_at(world.event.days.first(), 0, 20),
            by=world.coop,
        )
