"""The conference day at the door: staff scan a badge's QR code (or type
its code) on a phone, see who it is and check them in; the list of
arrivals; marking a day's meetings held or no-show."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.day import ArrivalSearchForm, AttendanceMarkForm, BadgeCodeForm
from ..selectors.day import (
    arrival_counts,
    arrivals,
    attendee_by_code,
    attendee_meetings_on,
    days_to_mark,
)
from ..services.day import attendee_check_in, meetings_attendance_mark
from .requests import event_view


def _slug(request) -> str:
    return request.event.conference.slug


@require_http_methods(["GET", "POST"])
@event_view(staff=True)
def check_in(request):
    """The scanner, the code box, the arrivals and the no-show marking."""
    event = request.event
    days = days_to_mark(event=event)
    mark_form = AttendanceMarkForm(
        request.POST if request.method == "POST" else None, days=days
    )
    if request.method == "POST":
        if mark_form.is_valid():
            try:
                counts = meetings_attendance_mark(
                    event=event, day=mark_form.cleaned_data["day"]
                )
            except ValidationError as error:
                mark_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(held)s meetings held, %(no_show)s no-shows marked.") % counts,
                )
                return redirect("matchmaking:check-in", _slug(request))
    code_form = BadgeCodeForm(request.GET if "code" in request.GET else None)
    if code_form.is_bound and code_form.is_valid():
        return redirect(
            "matchmaking:check-in-badge", _slug(request), code_form.cleaned_data["code"]
        )
    search = ArrivalSearchForm(request.GET if "q" in request.GET else None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    return render(
        request,
        "matchmaking/day/check_in.html",
        {
            "nav": "check_in",
            "code_form": code_form,
            "search": search,
            "query": query,
            # Who has arrived; a search finds anyone, arrived or not.
            "attendees": arrivals(event=event, query=query, arrived_only=not query),
            "counts": arrival_counts(event=event),
            "days": days,
            "mark_form": mark_form,
            "badge_prefix": reverse(
                "matchmaking:check-in-badge", args=[_slug(request), "CODE"]
            ).removesuffix("CODE/"),
        },
    )


@require_http_methods(["GET", "POST"])
@event_view(staff=True)
def check_in_badge(request, code: str):
    """GET: whose badge this is and their meetings today; POST: check in.
    An unknown code answers 404 with a page that says so."""
    try:
        attendee = attendee_by_code(event=request.event, code=code)
    except Http404:
        return render(
            request,
            "matchmaking/day/badge_unknown.html",
            {"nav": "check_in", "code": code, "code_form": BadgeCodeForm()},
            status=404,
        )
    if request.method == "POST":
        attendee, done = attendee_check_in(attendee=attendee, user=request.user)
        when = timezone.localtime(attendee.checked_in_at).strftime("%H:%M")
        if done:
            messages.success(
                request,
                _("%(name)s is checked in.") % {"name": attendee.full_name},
            )
        else:
            messages.warning(
                request,
                _("%(name)s was already checked in at %(time)s.")
                % {"name": attendee.full_name, "time": when},
            )
        return redirect("matchmaking:check-in-badge", _slug(request), code)
    return render(
        request,
        "matchmaking/day/check_in_badge.html",
        {
            "nav": "check_in",
            "attendee": attendee,
            "participant": attendee.participant,
            "meetings": attendee_meetings_on(attendee=attendee),
        },
    )
