"""Reading agendas: one participant's accepted meetings by day and time
(and those still waiting for a slot), and one table's schedule by day.
Each is read in a fixed number of queries."""

import datetime
from itertools import groupby

from django.db.models import Q

from ..models import Meeting, MeetingStatus, Participant, Table
from .meetings import local_zone


def _local_date(meeting: Meeting) -> datetime.date:
    return meeting.starts_at.astimezone(local_zone()).date()


def _by_day(meetings: list[Meeting]) -> list[tuple[datetime.date, list[Meeting]]]:
    return [(day, list(rows)) for day, rows in groupby(meetings, key=_local_date)]


def agenda_of(*, participant: Participant) -> dict:
    """Return the participant's accepted meetings: ``days`` [(date, meetings
    in time order)] and ``unplaced`` (accepted, no slot yet); each meeting
    carries ``other`` (the other side)."""
    meetings = list(
        Meeting.objects.filter(
            Q(requester=participant) | Q(invitee=participant),
            status=MeetingStatus.ACCEPTED,
        )
        .select_related(
            "event__conference",
            "requester",
            "invitee",
            "table",
            "offer__product",
            "want",
        )
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        meeting.other = meeting.other_side(participant.pk)
    placed = [m for m in meetings if m.starts_at is not None]
    return {
        "days": _by_day(placed),
        "placed": placed,
        "unplaced": [m for m in meetings if m.starts_at is None],
    }


def table_schedule(*, table: Table) -> list[tuple[datetime.date, list[Meeting]]]:
    """Return one table's meetings by day, in time order."""
    meetings = list(
        Meeting.objects.filter(table=table, status=MeetingStatus.ACCEPTED)
        .select_related("requester", "invitee")
        .order_by("starts_at", "pk")
    )
    return _by_day(meetings)
