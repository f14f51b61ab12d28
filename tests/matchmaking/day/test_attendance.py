"""Held or no-show: marking a day's meetings, and correcting one."""

import datetime

from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Attendance, MeetingStatus
from matchmaking.services.day import attendee_check_in, meetings_attendance_mark
from tests.factories.matchmaking import (
    meeting_create,
    meeting_place,
    participant_create,
    slot_at,
)


def later(day) -> datetime.datetime:
    return day.meeting.starts_at + datetime.timedelta(hours=1)


def test_both_sides_in_is_held_one_side_absent_is_a_no_show(day):
    third = participant_create(event=day.event)
    absent = meeting_create(
        requester=third, invitee=day.coop, status=MeetingStatus.ACCEPTED
    )
    meeting_place(
        absent, table=day.event.tables.last(), starts_at=slot_at(day.day, 1, 20)
    )
    for participant in (day.coop, day.business):
        attendee_check_in(attendee=participant.attendees.get(), user=day.staff)

    counts = meetings_attendance_mark(
        event=day.event, day=day.day, now=later(day) + datetime.timedelta(hours=1)
    )

    day.meeting.refresh_from_db()
    absent.refresh_from_db()
    assert counts == {"held": 1, "no_show": 1}
    assert day.meeting.attendance == Attendance.HELD
    assert absent.attendance == Attendance.NO_SHOW


def test_slots_not_over_are_left_alone_and_marks_are_kept(day):
    counts = meetings_attendance_mark(
        event=day.event, day=day.day, now=day.meeting.starts_at
    )
    assert counts == {"held": 0, "no_show": 0}

    meetings_attendance_mark(event=day.event, day=day.day, now=later(day))
    attendee_check_in(attendee=day.coop.attendees.get(), user=day.staff)
    attendee_check_in(attendee=day.business.attendees.get(), user=day.staff)
    again = meetings_attendance_mark(event=day.event, day=day.day, now=later(day))

    day.meeting.refresh_from_db()
    assert again == {"held": 0, "no_show": 0}
    assert day.meeting.attendance == Attendance.NO_SHOW


def test_staff_mark_no_shows_for_a_day_with_one_post(client, day):
    client.force_login(day.staff)

    response = client.post(
        reverse("matchmaking:check-in", args=[day.slug]), {"day": day.day.pk}
    )

    day.meeting.refresh_from_db()
    assert response.status_code == 302
    if day.meeting.starts_at + datetime.timedelta(minutes=20) <= timezone.now():
        assert day.meeting.attendance == Attendance.NO_SHOW


def test_staff_correct_one_meetings_attendance(client, day):
    client.force_login(day.staff)
    url = reverse("matchmaking:meeting-outcome", args=[day.slug, day.meeting.pk])

    response = client.post(url, {"action": "attendance", "attendance": "held"})

    day.meeting.refresh_from_db()
    assert response.status_code == 302
    assert day.meeting.attendance == Attendance.HELD


def test_a_side_cannot_set_the_attendance(client, day):
    client.force_login(day.coop_user)
    url = reverse("matchmaking:meeting-outcome", args=[day.slug, day.meeting.pk])

    client.post(url, {"action": "attendance", "attendance": "held"})

    day.meeting.refresh_from_db()
    assert day.meeting.attendance == Attendance.UNKNOWN
