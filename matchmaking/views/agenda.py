"""Agenda pages: a participant's meetings by day and time, the same as an
iCalendar file, and one table's printable schedule (staff)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..calendars import agenda_ics
from ..models import Table
from ..selectors.agenda import agenda_of, table_schedule
from .requests import event_view


def _own(request):
    participant = request.participant
    if participant is None or not participant.is_approved:
        raise Http404
    return participant


@event_view(approved=True)
def agenda(request):
    """The visitor's accepted meetings by day and time, with the other
    side's contact details, and those still waiting for a slot."""
    participant = _own(request)
    return render(
        request,
        "matchmaking/meetings/agenda.html",
        {
            "agenda": agenda_of(participant=participant),
            "now": timezone.now(),
            "nav": "agenda",
        },
    )


@event_view(approved=True)
def agenda_ics_view(request):
    """The visitor's scheduled meetings as an .ics file."""
    participant = _own(request)
    content = agenda_ics(
        event=request.event,
        meetings=agenda_of(participant=participant)["placed"],
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    filename = f"lich-gap-{request.event.conference.slug}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@event_view(staff=True)
def table_print(request, pk: int):
    """One table's meetings for each day, to print and pin on the table."""
    table = get_object_or_404(Table, pk=pk, event=request.event)
    return render(
        request,
        "matchmaking/meetings/table_print.html",
        {"table": table, "days": table_schedule(table=table), "nav": "schedule"},
    )
