"""After a meeting: each side records its outcome ("MOU to sign" on both
sides opens a draft agreement); staff see both and correct attendance."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.day import AttendanceForm, OutcomeForm
from ..models import Meeting
from ..services.day import meeting_attendance_set
from ..services.outcomes import meeting_outcome_open, meeting_outcome_record
from .requests import event_view


def _meeting(request, pk: int) -> Meeting:
    """The meeting, if it is the visitor's participant's own (or staff)."""
    meetings = Meeting.objects.filter(event=request.event).select_related(
        "requester",
        "invitee",
        "table",
        "offer",
        "want",
        "agreement",
        "event__conference",
    )
    if not request.runs_matchmaking:
        participant = request.participant
        meetings = meetings.filter(Q(requester=participant) | Q(invitee=participant))
    return get_object_or_404(meetings, pk=pk)


@require_http_methods(["GET", "POST"])
@event_view(approved=True)
def meeting_outcome(request, pk: int):
    meeting = _meeting(request, pk)
    participant = request.participant
    side = meeting.side_of(participant.pk) if participant else None
    if side is None and not request.runs_matchmaking:
        raise Http404
    is_open = meeting_outcome_open(meeting=meeting)
    action = request.POST.get("action", "outcome")
    own = getattr(meeting, f"{side}_outcome") if side else ""
    form = OutcomeForm(
        request.POST if request.method == "POST" and action == "outcome" else None,
        initial={"outcome": own or None},
    )
    attendance_form = None
    if (
        request.runs_matchmaking
        and meeting.starts_at is not None
        and meeting.starts_at <= timezone.now()
    ):
        attendance_form = AttendanceForm(
            request.POST
            if request.method == "POST" and action == "attendance"
            else None,
            initial={"attendance": meeting.attendance or None},
        )
    if request.method == "POST":
        if action == "attendance" and attendance_form is not None:
            if attendance_form.is_valid():
                try:
                    meeting_attendance_set(
                        meeting=meeting,
                        attendance=attendance_form.cleaned_data["attendance"],
                    )
                except ValidationError as error:
                    attendance_form.add_error(None, error)
                else:
                    messages.success(request, _("The attendance is saved."))
                    return redirect(
                        "matchmaking:meeting-outcome",
                        request.event.conference.slug,
                        pk,
                    )
        elif action == "outcome" and side is not None and form.is_valid():
            try:
                meeting = meeting_outcome_record(
                    meeting=meeting,
                    participant=participant,
                    outcome=form.cleaned_data["outcome"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if meeting.agreement_id:
                    messages.success(
                        request,
                        _(
                            "Both sides want an MOU: a draft agreement is opened "
                            "in the register."
                        ),
                    )
                else:
                    messages.success(request, _("Your outcome is saved."))
                return redirect(
                    "matchmaking:meeting-outcome", request.event.conference.slug, pk
                )
        elif side is None and action == "outcome":
            raise Http404
    other = meeting.other_side(participant.pk) if side else None
    return render(
        request,
        "matchmaking/day/meeting_outcome.html",
        {
            "nav": "meetings_all" if side is None else "meetings",
            "meeting": meeting,
            "side": side,
            "other": other,
            "own_outcome": own,
            "is_open": is_open,
            "form": form,
            "attendance_form": attendance_form,
        },
        status=400 if request.method == "POST" else 200,
    )
