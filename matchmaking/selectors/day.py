"""Reading the conference day: who has arrived, one badge's attendee with
their organisation's meetings that day, and the meeting days whose
attendance staff may mark."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..models import Attendee, Event, Meeting, MeetingDay, MeetingStatus

#: Attendees shown on the check-in page at most (a search narrows them).
ARRIVALS_LIMIT = 100


def attendee_by_code(*, event: Event, code: str) -> Attendee:
    """Return the attendee of ``event`` whose badge holds ``code``, or 404."""
    attendee = (
        Attendee.objects.filter(participant__event=event, badge_code=code.strip())
        .select_related("participant", "checked_in_by")
        .first()
    )
    if attendee is None:
        raise Http404
    return attendee


def attendee_meetings_on(
    *, attendee: Attendee, day: datetime.date | None = None
) -> QuerySet:
    """Return the scheduled meetings of the attendee's organisation on
    ``day`` (today by default), in slot order."""
    day = day or timezone.localdate()
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    participant_id = attendee.participant_id
    return (
        Meeting.objects.filter(
            Q(requester_id=participant_id) | Q(invitee_id=participant_id),
            status=MeetingStatus.ACCEPTED,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
        )
        .select_related("requester", "invitee", "table")
        .order_by("starts_at", "pk")
    )


def arrivals(*, event: Event, query: str = "", arrived_only: bool = False) -> QuerySet:
    """Return the event's attendees (approved participants'), those checked
    in first, latest arrival first; ``query`` matches the person's or the
    organisation's name."""
    attendees = Attendee.objects.filter(
        participant__event=event, participant__status="approved"
    ).select_related("participant")
    if query:
        attendees = attendees.filter(
            Q(full_name__icontains=query) | Q(participant__name__icontains=query)
        )
    if arrived_only:
        attendees = attendees.filter(checked_in_at__isnull=False)
    return attendees.order_by(
        F("checked_in_at").desc(nulls_last=True), "full_name", "pk"
    )[:ARRIVALS_LIMIT]


def arrival_counts(*, event: Event) -> dict[str, int]:
    """Return how many attendees and organisations are expected and arrived."""
    return Attendee.objects.filter(
        participant__event=event, participant__status="approved"
    ).aggregate(
        attendees=Count("pk"),
        arrived=Count("pk", filter=Q(checked_in_at__isnull=False)),
        organisations=Count("participant", distinct=True),
        organisations_arrived=Count(
            "participant", filter=Q(checked_in_at__isnull=False), distinct=True
        ),
    )


def days_to_mark(*, event: Event, now: datetime.datetime | None = None) -> list:
    """Return the event's meeting days that have begun, each with
    ``unmarked``: its scheduled meetings whose attendance is not known."""
    now = now or timezone.now()
    zone = ZoneInfo(settings.TIME_ZONE)
    days = [
        day
        for day in MeetingDay.objects.filter(event=event).order_by("date")
        if datetime.datetime.combine(day.date, day.starts_at, tzinfo=zone) <= now
    ]
    if not days:
        return []
    rows = (
        Meeting.objects.filter(
            event=event,
            status=MeetingStatus.ACCEPTED,
            starts_at__isnull=False,
            attendance="",
        )
        .values_list("starts_at", flat=True)
        .order_by()
    )
    unmarked: dict[datetime.date, int] = {}
    for starts_at in rows:
        date = starts_at.astimezone(zone).date()
        unmarked[date] = unmarked.get(date, 0) + 1
    for day in days:
        day.unmarked = unmarked.get(day.date, 0)
    return days
