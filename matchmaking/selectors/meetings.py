"""Reading meetings: the slot grid of a conference's meeting days, one
participant's meetings, every meeting for staff, one meeting as seen by a
side or staff, and the free slots a meeting may move to.

Slots are aligned on a grid: a meeting day's start plus whole slots, in
local time (``settings.TIME_ZONE``), each ending by the day's end. Two
meetings overlap exactly when they start at the same moment, which is what
the database's constraints on ``(table, starts_at)`` and
``(participant, starts_at)`` rely on.
"""

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ..models import (
    OPEN_STATUSES,
    Event,
    Meeting,
    MeetingDay,
    MeetingStatus,
    Participant,
    ScheduleRun,
    Seat,
    Table,
)

#: Why an accepted meeting has no slot.
NO_SLOTS = "no_slots"
NO_COMMON_SLOT = "no_common_slot"
NO_TABLE = "no_table"
WAITING = "waiting"
REASONS = {
    NO_SLOTS: _("The conference has no meeting days or no tables."),
    NO_COMMON_SLOT: _("The two sides have no free slot in common."),
    NO_TABLE: _("Every table is taken whenever both sides are free."),
    WAITING: _("Waiting for the scheduler: a slot is free for both sides."),
}


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_slots(*, day: MeetingDay, slot_minutes: int) -> list[datetime.datetime]:
    """Return the aware starts of the whole slots of one meeting day."""
    zone = local_zone()
    start = datetime.datetime.combine(day.date, day.starts_at, tzinfo=zone)
    end = datetime.datetime.combine(day.date, day.ends_at, tzinfo=zone)
    step = datetime.timedelta(minutes=slot_minutes)
    slots = []
    while start + step <= end:
        slots.append(start)
        start += step
    return slots


def event_slots(
    *, event: Event, days: list[MeetingDay] | None = None
) -> list[datetime.datetime]:
    """Return every slot of the event's meeting days, in order."""
    days = list(event.days.all()) if days is None else days
    return [
        slot
        for day in sorted(days, key=lambda d: d.date)
        for slot in day_slots(day=day, slot_minutes=event.slot_minutes)
    ]


def slot_on_grid(*, event: Event, starts_at: datetime.datetime) -> bool:
    """Return True when ``starts_at`` is a slot of one of the meeting days."""
    local = starts_at.astimezone(local_zone())
    day = event.days.filter(date=local.date()).first()
    return day is not None and local in day_slots(
        day=day, slot_minutes=event.slot_minutes
    )


def _with_sides(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return queryset.select_related(
        "requester", "invitee", "table", "offer__product", "want"
    )


def meetings_of(*, participant: Participant) -> dict[str, list[Meeting]]:
    """Return a participant's meetings by status (requested, accepted,
    declined, cancelled), newest request first within each, in one query."""
    meetings = _with_sides(
        Meeting.objects.filter(
            Q(requester=participant) | Q(invitee=participant)
        ).order_by("-created_at", "-pk")
    )
    by_status: dict[str, list[Meeting]] = {status: [] for status in MeetingStatus}
    for meeting in meetings:
        meeting.mine = meeting.requester_id == participant.pk
        meeting.other = meeting.invitee if meeting.mine else meeting.requester
        by_status[meeting.status].append(meeting)
    return by_status


def meetings_all(*, event: Event, status: str = "") -> QuerySet[Meeting]:
    """Return every meeting of the event (of one status when given)."""
    meetings = _with_sides(Meeting.objects.filter(event=event)).order_by(
        "status", "starts_at", "table__position", "pk"
    )
    if status:
        meetings = meetings.filter(status=status)
    return meetings


def meeting_status_counts(*, event: Event) -> dict[str, int]:
    """Return how many meetings the event has in each status."""
    counts = dict(
        Meeting.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in MeetingStatus}


def meeting_for(
    *, pk: int, event: Event, participant: Participant | None, staff: bool
) -> Meeting:
    """Return one meeting of the event as seen by one of its sides or staff;
    404 for anyone else."""
    meetings = _with_sides(Meeting.objects.filter(event=event, pk=pk))
    if not staff:
        if participant is None:
            raise Http404
        meetings = meetings.filter(Q(requester=participant) | Q(invitee=participant))
    meeting = meetings.first()
    if meeting is None:
        raise Http404
    return meeting


def open_meeting_between(*, a: Participant, b: Participant) -> Meeting | None:
    """Return the requested or accepted meeting between two participants."""
    low, high = sorted((a.pk, b.pk))
    return Meeting.objects.filter(
        event_id=a.event_id, pair=f"{low}-{high}", status__in=OPEN_STATUSES
    ).first()


def meeting_free_slots(*, meeting: Meeting) -> list[datetime.datetime]:
    """Return the slots where both sides are free and a table is free (the
    meeting's own slot left out)."""
    event = meeting.event
    slots = event_slots(event=event)
    busy = set(
        Seat.objects.filter(
            participant_id__in=[meeting.requester_id, meeting.invitee_id]
        ).values_list("starts_at", flat=True)
    )
    tables = Table.objects.filter(event=event).count()
    taken: dict[datetime.datetime, int] = defaultdict(int)
    for starts_at in Meeting.objects.filter(
        event=event, table__isnull=False
    ).values_list("starts_at", flat=True):
        taken[starts_at] += 1
    return [
        slot
        for slot in slots
        if slot not in busy and taken[slot] < tables and slot != meeting.starts_at
    ]


def unplaced_reasons(*, event: Event) -> list[tuple[str, int]]:
    """Return why the accepted meetings without a slot have none, as
    [(reason text, how many)], in a fixed number of queries."""
    pending = list(
        Meeting.objects.filter(
            event=event, status=MeetingStatus.ACCEPTED, starts_at__isnull=True
        ).values_list("requester_id", "invitee_id")
    )
    if not pending:
        return []
    slots = event_slots(event=event)
    tables = Table.objects.filter(event=event).count()
    counts: dict[str, int] = defaultdict(int)
    if not slots or not tables:
        return [(str(REASONS[NO_SLOTS]), len(pending))]
    busy: dict[int, set] = defaultdict(set)
    for participant_id, starts_at in Seat.objects.filter(
        participant__event=event
    ).values_list("participant_id", "starts_at"):
        busy[participant_id].add(starts_at)
    taken: dict[datetime.datetime, int] = defaultdict(int)
    for starts_at in Meeting.objects.filter(
        event=event, table__isnull=False
    ).values_list("starts_at", flat=True):
        taken[starts_at] += 1
    for a, b in pending:
        common = [s for s in slots if s not in busy[a] and s not in busy[b]]
        if not common:
            counts[NO_COMMON_SLOT] += 1
        elif all(taken[s] >= tables for s in common):
            counts[NO_TABLE] += 1
        else:
            counts[WAITING] += 1
    return [(str(REASONS[key]), n) for key, n in counts.items()]


def schedule_run_status(*, run: ScheduleRun) -> dict:
    """Return what the schedule page's progress bar shows (JSON-ready)."""
    running = run.status in (ScheduleRun.Status.QUEUED, ScheduleRun.Status.RUNNING)
    if running:
        percent = int(100 * run.done / run.total) if run.total else 0
    else:
        percent = 100
    return {
        "id": run.pk,
        "status": run.status,
        "label": str(run.get_status_display()),
        "running": running,
        "percent": percent,
        "done": run.done,
        "total": run.total,
        "placed": run.placed,
        "unplaced": run.unplaced,
        "error": str(_(run.error)) if run.error else "",
    }
