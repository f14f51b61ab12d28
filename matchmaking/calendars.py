"""A participant's agenda as an iCalendar file (RFC 5545), through the
``icalendar`` library: one VEVENT per scheduled meeting."""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event, Meeting


def agenda_ics(*, event: Event, meetings: list[Meeting], host: str) -> bytes:
    """Return the .ics of ``meetings`` (each with ``other``, the other side);
    ``host`` makes the UIDs unique and stable across downloads."""
    calendar = Calendar()
    calendar.add("prodid", "-//HTX Connect//matchmaking//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    conference = event.conference
    length = datetime.timedelta(minutes=event.slot_minutes)
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        calendar.add("x-wr-calname", str(conference.name))
        for meeting in meetings:
            item = CalendarEvent()
            item.add("uid", f"meeting-{meeting.pk}@{host}")
            item.add("dtstamp", now)
            item.add("dtstart", meeting.starts_at)
            item.add("dtend", meeting.starts_at + length)
            item.add(
                "summary",
                _("Meeting with %(name)s") % {"name": meeting.other.name},
            )
            place = ", ".join(p for p in (conference.place, meeting.table.name) if p)
            item.add("location", place)
            other = meeting.other
            lines = [
                str(conference.name),
                f"{_('Contact person')}: {other.contact_name}",
            ]
            if other.contact_phone:
                lines.append(f"{_('Phone')}: {other.contact_phone}")
            if other.contact_email:
                lines.append(f"{_('E-mail')}: {other.contact_email}")
            if meeting.message:
                lines.append(meeting.message)
            item.add("description", "\n".join(lines))
            calendar.add_component(item)
    return calendar.to_ical()
