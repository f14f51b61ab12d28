"""Meeting pages: ask a participant for a meeting, one's own requests
(asked and received), one meeting, the answer, cancelling and moving, and
the staff's list of every meeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.views.requests import add_errors

from ..forms.meetings import (
    MeetingFilterForm,
    MeetingMoveForm,
    MeetingRequestForm,
    MeetingRespondForm,
)
from ..models import MeetingStatus, Participant
from ..selectors.meetings import (
    meeting_for,
    meeting_free_slots,
    meeting_status_counts,
    meetings_all,
    meetings_of,
    open_meeting_between,
)
from ..selectors.participation import contact_visible
from ..services import meetings as services
from ..services.outcomes import meeting_outcome_open
from .requests import event_view


def _slug(request) -> str:
    return request.event.conference.slug


def _detail_url(request, meeting) -> str:
    return reverse("matchmaking:meeting-detail", args=[_slug(request), meeting.pk])


def _participant_required(request) -> Participant:
    """The visitor's own approved participant (staff who do not take part
    cannot act as one)."""
    participant = request.participant
    if participant is None or not participant.is_approved:
        raise Http404
    return participant


@event_view(approved=True)
def meeting_request(request, pk: int):
    """Ask participant ``pk`` for a meeting, with a message."""
    requester = _participant_required(request)
    invitee = get_object_or_404(
        Participant.objects.select_related("event"), pk=pk, event=request.event
    )
    if not invitee.is_approved and invitee.pk != requester.pk:
        raise Http404
    existing = open_meeting_between(a=requester, b=invitee)
    initial = {
        key: request.GET.get(key) for key in ("offer", "want") if request.GET.get(key)
    }
    form = MeetingRequestForm(
        request.POST or None, initial=initial, sides=[requester, invitee]
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_request(
                requester=requester,
                invitee=invitee,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your request has been sent to %(name)s.") % {"name": invitee.name},
            )
            return redirect(_detail_url(request, meeting))
    return render(
        request,
        "matchmaking/meetings/request.html",
        {"form": form, "invitee": invitee, "existing": existing, "nav": "meetings"},
    )


@event_view(approved=True)
def meetings(request):
    """The visitor's meetings, asked and received, by status."""
    participant = _participant_required(request)
    by_status = meetings_of(participant=participant)
    return render(
        request,
        "matchmaking/meetings/list.html",
        {
            "received": [m for m in by_status[MeetingStatus.REQUESTED] if not m.mine],
            "sent": [m for m in by_status[MeetingStatus.REQUESTED] if m.mine],
            "accepted": by_status[MeetingStatus.ACCEPTED],
            "closed": by_status[MeetingStatus.DECLINED]
            + by_status[MeetingStatus.CANCELLED],
            "respond_form": MeetingRespondForm(),
            "nav": "meetings",
        },
    )


def _meeting(request, pk: int):
    return meeting_for(
        pk=pk,
        event=request.event,
        participant=request.participant,
        staff=request.runs_matchmaking,
    )


@event_view(participant=True)
def meeting_detail(request, pk: int):
    """One meeting: the two sides, the message, the status and slot, and the
    other side's contact details once accepted."""
    meeting = _meeting(request, pk)
    me = request.participant
    side = meeting.side_of(me.pk) if me else None
    other = meeting.other_side(me.pk) if side else None
    return render(
        request,
        "matchmaking/meetings/detail.html",
        {
            "meeting": meeting,
            "side": side,
            "other": other,
            "show_contacts": request.runs_matchmaking
            or (other is not None and contact_visible(viewer=me, other=other)),
            "respond_form": MeetingRespondForm(),
            "outcome_open": meeting.status == MeetingStatus.ACCEPTED
            and meeting_outcome_open(meeting=meeting),
            "nav": "meetings",
        },
    )


@event_view(approved=True)
@require_POST
def meeting_respond(request, pk: int):
    """Accept or decline a request received (POST)."""
    meeting = _meeting(request, pk)
    participant = _participant_required(request)
    if meeting.invitee_id != participant.pk:
        raise Http404
    form = MeetingRespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline the request."))
        return redirect(_detail_url(request, meeting))
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.meeting_respond(
            meeting=meeting,
            participant=participant,
            accept=accept,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = (
            _("You accepted the meeting with %(name)s.")
            if accept
            else _("You declined the meeting with %(name)s.")
        )
        messages.success(request, text % {"name": meeting.requester.name})
    if request.POST.get("back") == "list":
        return redirect("matchmaking:meetings", _slug(request))
    return redirect(_detail_url(request, meeting))


@event_view(participant=True)
@require_POST
def meeting_cancel(request, pk: int):
    """Cancel a meeting before its day (either side or staff, POST)."""
    meeting = _meeting(request, pk)
    me = request.participant
    by = me if me is not None and meeting.side_of(me.pk) else None
    if by is None and not request.runs_matchmaking:
        raise Http404
    try:
        services.meeting_cancel(meeting=meeting, by=by)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting has been cancelled."))
    return redirect(_detail_url(request, meeting))


@event_view(participant=True)
def meeting_move(request, pk: int):
    """Move an accepted meeting to another free slot (either side or staff)."""
    meeting = _meeting(request, pk)
    me = request.participant
    by = me if me is not None and meeting.side_of(me.pk) else None
    if by is None and not request.runs_matchmaking:
        raise Http404
    meeting.event = request.event
    form = MeetingMoveForm(
        request.POST or None, slots=meeting_free_slots(meeting=meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_move(
                meeting=meeting, starts_at=form.cleaned_data["starts_at"], by=by
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting has been moved."))
            return redirect(_detail_url(request, meeting))
    return render(
        request,
        "matchmaking/meetings/move.html",
        {"form": form, "meeting": meeting, "nav": "meetings"},
    )


@event_view(staff=True)
def meetings_all_view(request):
    """Every meeting of the conference, filtered by status (staff)."""
    form = MeetingFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    return render(
        request,
        "matchmaking/meetings/all.html",
        {
            "form": form,
            "meetings": meetings_all(event=request.event, status=status),
            "counts": meeting_status_counts(event=request.event),
            "nav": "meetings_all",
        },
    )
