"""Two requests at once on PostgreSQL: two participants moving meetings into
the same table and slot, two moves booking the same participant twice, two
scheduler runs over the same meetings. Exactly one wins, nobody and no table
is booked twice, the other gets the clear error.

Each thread has its own connection; a barrier holds both threads after
their checks and right before their writes, so that both checks pass and
the database's constraints (and row locks) decide.
"""

import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone as real_timezone

from matchmaking.models import Meeting, MeetingStatus, Seat
from matchmaking.services import meetings as meeting_services
from matchmaking.services import scheduling
from tests.factories.matchmaking import (
    event_create,
    meeting_create,
    meeting_place,
    participant_create,
    slot_at,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrency"
    ),
    pytest.mark.django_db(transaction=True),
]


class _HeldClock:
    """Stands for django.utils.timezone in a service: ``now()`` waits at the
    barrier first (it is called right before the write)."""

    def __init__(self, barrier: threading.Barrier):
        self.barrier = barrier

    def now(self):
        try:
            self.barrier.wait(timeout=5)
        except threading.BrokenBarrierError:
            pass
        return real_timezone.now()

    def __getattr__(self, name):
        return getattr(real_timezone, name)


def _in_threads(*calls):
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            outcomes[i] = ("ok", call())
        except ValidationError as error:
            outcomes[i] = ("refused", " ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcomes[i] = ("crashed", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _accepted(a, b):
    return meeting_create(requester=a, invitee=b, status=MeetingStatus.ACCEPTED)


@pytest.fixture
def event(migrated_db):
    return event_create(tables=1)


def _assert_no_double_booking(event):
    placed = Meeting.objects.filter(event=event, starts_at__isnull=False)
    assert max(Counter((m.table_id, m.starts_at) for m in placed).values()) == 1
    seats = Counter(Seat.objects.values_list("participant_id", "starts_at"))
    assert max(seats.values()) == 1


def test_two_moves_into_the_same_table_and_slot(event, monkeypatch):
    day = event.days.first()
    table = event.tables.get()
    people = [participant_create(event=event) for _ in range(4)]
    first = meeting_place(
        _accepted(people[0], people[1]), table=table, starts_at=slot_at(day, 0, 20)
    )
    second = meeting_place(
        _accepted(people[2], people[3]), table=table, starts_at=slot_at(day, 1, 20)
    )
    target = slot_at(day, 5, 20)
    monkeypatch.setattr(meeting_services, "timezone", _HeldClock(threading.Barrier(2)))
    today = real_timezone.localdate()
    outcomes = _in_threads(
        lambda: meeting_services.meeting_move(
            meeting=first, starts_at=target, by=people[0], today=today
        ),
        lambda: meeting_services.meeting_move(
            meeting=second, starts_at=target, by=people[2], today=today
        ),
    )
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["ok", "refused"], outcomes
    assert "just taken" in next(text for kind, text in outcomes if kind == "refused")
    assert Meeting.objects.filter(starts_at=target).count() == 1
    _assert_no_double_booking(event)


def test_two_moves_booking_one_participant_twice(event, monkeypatch):
    from matchmaking.models import Table

    Table.objects.create(event=event, name="Bàn 2", position=2)
    day = event.days.first()
    tables = list(event.tables.all())
    hub = participant_create(event=event)
    a, b = participant_create(event=event), participant_create(event=event)
    first = meeting_place(
        _accepted(hub, a), table=tables[0], starts_at=slot_at(day, 0, 20)
    )
    second = meeting_place(
        _accepted(hub, b), table=tables[1], starts_at=slot_at(day, 1, 20)
    )
    target = slot_at(day, 4, 20)
    monkeypatch.setattr(meeting_services, "timezone", _HeldClock(threading.Barrier(2)))
    today = real_timezone.localdate()
    outcomes = _in_threads(
        lambda: meeting_services.meeting_move(
            meeting=first, starts_at=target, by=a, table=tables[0], today=today
        ),
        lambda: meeting_services.meeting_move(
            meeting=second, starts_at=target, by=b, table=tables[1], today=today
        ),
    )
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"], outcomes
    assert Seat.objects.filter(participant=hub, starts_at=target).count() == 1
    _assert_no_double_booking(event)


def test_two_scheduler_runs_at_once_place_each_meeting_once(event, monkeypatch):
    people = [participant_create(event=event) for _ in range(6)]
    for i in range(0, 6, 2):
        _accepted(people[i], people[i + 1])
    _accepted(people[0], people[3])
    monkeypatch.setattr(scheduling, "timezone", _HeldClock(threading.Barrier(2)))
    outcomes = _in_threads(
        lambda: scheduling.meetings_schedule(event=event),
        lambda: scheduling.meetings_schedule(event=event),
    )
    results = [result for kind, result in outcomes if kind == "ok"]
    assert len(results) == 2, outcomes
    placed = sorted(result.placed for result in results)
    assert placed == [0, 4]
    loser = next(result for result in results if result.placed == 0)
    assert "nothing was placed" in loser.error
    assert Meeting.objects.filter(starts_at__isnull=False).count() == 4
    _assert_no_double_booking(event)
