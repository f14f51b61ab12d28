"""The scheduler: every accepted meeting without a slot gets a slot of the
meeting days and a table, where both sides and the table are free.

It is fair in two ways. It works in rounds, and in each round a participant
gets at most one more meeting, the meetings of the participants with the
fewest placed so far going first: one participant's many requests cannot
crowd out the others, who each get their first meetings before anyone gets
a tenth. And each meeting goes to the least busy slot both sides have free
(the earliest among equals), so the early slots are spread over everyone
instead of going to whoever comes first.

Meetings placed before (by an earlier run or moved by hand) and their seats
stay where they are. The plan is computed in memory, then written in bulk in
one transaction; the database's constraints are the last guard: when a
meeting was moved into a planned slot meanwhile, nothing is written and the
run says so.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from ..models import Event, Meeting, MeetingStatus, ScheduleRun, Seat, Table
from ..selectors.meetings import NO_COMMON_SLOT, NO_SLOTS, NO_TABLE, event_slots


@dataclass
class ScheduleResult:
    """What a run placed, what it could not place and why."""

    placed: int = 0
    unplaced: int = 0
    #: reason code → how many meetings stayed without a slot for it.
    reasons: Counter = field(default_factory=Counter)
    #: participant id → the starts of the meetings placed for them.
    new_slots: dict[int, list[datetime.datetime]] = field(default_factory=dict)
    placed_ids: list[int] = field(default_factory=list)
    error: str = ""


class ScheduleConflict(Exception):
    """The database refused the plan (a slot was taken meanwhile)."""


def _plan(
    *,
    pending: list[Meeting],
    slots: list[datetime.datetime],
    tables: list[int],
    busy: dict[int, set[int]],
    used: dict[int, set[int]],
    progress: Callable[[int, int], None],
) -> tuple[dict[int, tuple[int, int]], dict[int, str]]:
    """Return {meeting id: (slot index, table id)} and {meeting id: reason}."""
    placed_count: Counter = Counter()
    for participant, taken in busy.items():
        placed_count[participant] = len(taken)
    load = [len(used[s]) for s in range(len(slots))]
    capacity = len(tables)
    plan: dict[int, tuple[int, int]] = {}
    reasons: dict[int, str] = {}
    waiting = list(pending)
    total = len(pending)
    while waiting:
        # The participants with the fewest meetings go first; the pk keeps
        # the order stable (older requests first among equals).
        waiting.sort(
            key=lambda m: (
                max(placed_count[m.requester_id], placed_count[m.invitee_id]),
                placed_count[m.requester_id] + placed_count[m.invitee_id],
                m.pk,
            )
        )
        this_round: set[int] = set()
        deferred = []
        for meeting in waiting:
            a, b = meeting.requester_id, meeting.invitee_id
            if a in this_round or b in this_round:
                deferred.append(meeting)
                continue
            both_busy = busy[a] | busy[b]
            best = None
            common = False
            for s in range(len(slots)):
                if s in both_busy:
                    continue
                common = True
                if load[s] < capacity and (best is None or load[s] < load[best]):
                    best = s
            if best is None:
                reasons[meeting.pk] = NO_TABLE if common else NO_COMMON_SLOT
                continue
            table = next(t for t in tables if t not in used[best])
            used[best].add(table)
            load[best] += 1
            busy[a].add(best)
            busy[b].add(best)
            placed_count[a] += 1
            placed_count[b] += 1
            this_round.update((a, b))
            plan[meeting.pk] = (best, table)
        waiting = deferred
        progress(len(plan) + len(reasons), total)
    return plan, reasons


def meetings_schedule(
    *, event: Event, progress: Callable[[int, int], None] | None = None
) -> ScheduleResult:
    """Place every accepted meeting of ``event`` that has no slot yet."""
    progress = progress or (lambda done, total: None)
    result = ScheduleResult()
    pending = list(
        Meeting.objects.filter(
            event=event, status=MeetingStatus.ACCEPTED, starts_at__isnull=True
        ).only("pk", "requester_id", "invitee_id")
    )
    slots = event_slots(event=event)
    tables = list(Table.objects.filter(event=event).values_list("pk", flat=True))
    if not pending:
        progress(0, 0)
        return result
    if not slots or not tables:
        result.unplaced = len(pending)
        result.reasons[NO_SLOTS] = len(pending)
        progress(len(pending), len(pending))
        return result
    index = {slot: s for s, slot in enumerate(slots)}
    busy: dict[int, set[int]] = defaultdict(set)
    for participant_id, starts_at in Seat.objects.filter(
        participant__event=event
    ).values_list("participant_id", "starts_at"):
        if starts_at in index:
            busy[participant_id].add(index[starts_at])
    used: dict[int, set[int]] = defaultdict(set)
    for table_id, starts_at in Meeting.objects.filter(
        event=event, table__isnull=False
    ).values_list("table_id", "starts_at"):
        if starts_at in index:
            used[index[starts_at]].add(table_id)
    plan, reasons = _plan(
        pending=pending,
        slots=slots,
        tables=tables,
        busy=busy,
        used=used,
        progress=progress,
    )
    try:
        _write(pending=pending, plan=plan, slots=slots)
    except ScheduleConflict:
        result.unplaced = len(pending)
        # An msgid: the page translates it in the reader's language.
        result.error = N_(
            "Another change to the schedule came first; nothing was placed. "
            "Run the scheduler again."
        )
        return result
    result.placed = len(plan)
    result.unplaced = len(reasons)
    result.reasons = Counter(reasons.values())
    result.placed_ids = list(plan)
    new_slots: dict[int, list[datetime.datetime]] = defaultdict(list)
    for meeting in pending:
        if meeting.pk in plan:
            starts_at = slots[plan[meeting.pk][0]]
            new_slots[meeting.requester_id].append(starts_at)
            new_slots[meeting.invitee_id].append(starts_at)
    result.new_slots = {k: sorted(v) for k, v in new_slots.items()}
    return result


def _write(
    *,
    pending: list[Meeting],
    plan: dict[int, tuple[int, int]],
    slots: list[datetime.datetime],
) -> None:
    now = timezone.now()
    meetings, seats = [], []
    for meeting in pending:
        if meeting.pk not in plan:
            continue
        s, table = plan[meeting.pk]
        meeting.starts_at = slots[s]
        meeting.table_id = table
        meeting.scheduled_at = now
        meetings.append(meeting)
        for side in (meeting.requester_id, meeting.invitee_id):
            seats.append(
                Seat(meeting_id=meeting.pk, participant_id=side, starts_at=slots[s])
            )
    try:
        with transaction.atomic():
            # Only meetings still accepted and unplaced (locked until the
            # end): one cancelled or placed meanwhile undoes everything.
            still = Meeting.objects.select_for_update().filter(
                pk__in=[m.pk for m in meetings],
                status=MeetingStatus.ACCEPTED,
                starts_at__isnull=True,
            )
            if len(still.values_list("pk", flat=True)) != len(meetings):
                raise ScheduleConflict
            Meeting.objects.bulk_update(
                meetings, ["starts_at", "table", "scheduled_at"], batch_size=500
            )
            Seat.objects.bulk_create(seats, batch_size=1000)
    except IntegrityError as error:
        raise ScheduleConflict from error


def schedule_run_start(*, event: Event, user) -> ScheduleRun:
    """Queue a scheduler run (the page polls its progress); a run already
    queued or running is returned instead of starting a second one."""
    from ..tasks import schedule_run_execute

    with transaction.atomic():
        # One run at a time per conference: the event row is the lock.
        Event.objects.select_for_update().filter(pk=event.pk).first()
        running = ScheduleRun.objects.filter(
            event=event,
            status__in=[ScheduleRun.Status.QUEUED, ScheduleRun.Status.RUNNING],
        ).first()
        if running is not None:
            return running
        run = ScheduleRun.objects.create(event=event, created_by=user)
    # With the immediate backend the run happens here, before the redirect.
    schedule_run_execute.enqueue(run.pk)
    run.refresh_from_db()
    return run
