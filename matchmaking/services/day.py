"""Writes of the conference day: checking attendees in by their badge, and
marking which scheduled meetings were held and which were no-shows.

A meeting was held when someone of each side checked in; otherwise it is a
no-show (one side or both absent). Staff mark a whole day at once, for the
slots already over, and may correct one meeting by hand.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.pagecache.versions import versions_bump

from ..models import Attendance, Attendee, Event, Meeting, MeetingDay, MeetingStatus

#: The page-cache version the public pages of a conference depend on.
VERSION = "matchmaking"


def attendee_check_in(
    *, attendee: Attendee, user, now: datetime.datetime | None = None
) -> tuple[Attendee, bool]:
    """Check an attendee in; return it and whether this call did (False
    when they were already checked in: scanning twice changes nothing)."""
    now = now or timezone.now()
    with transaction.atomic():
        attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
        if attendee.checked_in_at is not None:
            return attendee, False
        attendee.checked_in_at = now
        attendee.checked_in_by = user if user.is_authenticated else None
        attendee.save(update_fields=["checked_in_at", "checked_in_by"])
    return attendee, True


def attendee_check_in_undo(*, attendee: Attendee) -> Attendee:
    """Clear a check-in made by mistake."""
    attendee.checked_in_at = None
    attendee.checked_in_by = None
    attendee.save(update_fields=["checked_in_at", "checked_in_by"])
    return attendee


def _day_bounds(day: MeetingDay) -> tuple[datetime.datetime, datetime.datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(day.date, datetime.time.min, tzinfo=zone)
    return start, start + datetime.timedelta(days=1)


def meetings_attendance_mark(
    *, event: Event, day: MeetingDay, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Mark each scheduled meeting of ``day`` whose slot is over and whose
    attendance is not yet known: held when both sides have someone checked
    in, else a no-show. Return {"held": n, "no_show": n}."""
    if day.event_id != event.pk:
        raise ValidationError(_("This day is not one of this conference's."))
    now = now or timezone.now()
    start, end = _day_bounds(day)
    over_before = now - datetime.timedelta(minutes=event.slot_minutes)
    meetings = Meeting.objects.filter(
        event=event,
        status=MeetingStatus.ACCEPTED,
        starts_at__gte=start,
        starts_at__lt=end,
        starts_at__lte=over_before,
        attendance=Attendance.UNKNOWN,
    )
    present = set(
        Attendee.objects.filter(
            participant__event=event, checked_in_at__isnull=False
        ).values_list("participant_id", flat=True)
    )
    held, absent = [], []
    for pk, requester_id, invitee_id in meetings.values_list(
        "pk", "requester_id", "invitee_id"
    ):
        both = requester_id in present and invitee_id in present
        (held if both else absent).append(pk)
    with transaction.atomic():
        Meeting.objects.filter(pk__in=held).update(attendance=Attendance.HELD)
        Meeting.objects.filter(pk__in=absent).update(attendance=Attendance.NO_SHOW)
    if held or absent:
        # update() sends no signal: the public funnel counts held meetings.
        versions_bump(VERSION)
    return {"held": len(held), "no_show": len(absent)}


def meeting_attendance_set(
    *, meeting: Meeting, attendance: str, now: datetime.datetime | None = None
) -> Meeting:
    """Correct the attendance of one scheduled meeting whose slot has begun."""
    now = now or timezone.now()
    if meeting.starts_at is None or meeting.starts_at > now:
        raise ValidationError(
            {"attendance": _("Only a meeting whose slot has begun has an attendance.")}
        )
    if attendance not in Attendance.values:
        raise ValidationError({"attendance": _("Choose held or no-show.")})
    meeting.attendance = attendance
    meeting.save(update_fields=["attendance"])
    return meeting
