"""Participation pages: the conferences with matchmaking, a conference's
home and settings, participant registration and profiles, staff's review,
another participant's profile, and the badges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.views.requests import add_errors

from ..forms.participation import (
    AttendeeFormSet,
    EventSettingsForm,
    ParticipantForm,
    ReviewForm,
    StatusFilterForm,
    attendee_rows,
)
from ..models import Participant
from ..selectors.access import user_can_take_part
from ..selectors.participation import (
    badge_attendees,
    badge_check_in_url,
    badge_qr_svg,
    conference_get,
    conferences_for_user,
    contact_visible,
    event_of,
    participant_counts,
    participant_get,
    participant_list,
    participant_own,
    registration_initial,
    registration_open,
)
from ..services.participation import (
    event_save,
    participant_update,
)
from ..services.participation import (
    participant_register as participant_register_service,
)
from ..services.participation import (
    participant_review as participant_review_service,
)
from .requests import event_view, staff_view


@login_required
def conferences(request):
    """Every signed-in user: the conferences with matchmaking, and what the
    user can do in each; staff also those without matchmaking."""
    context = conferences_for_user(user=request.user)
    if not context["staff"] and not user_can_take_part(user=request.user):
        context["groups"] = {
            key: [row for row in rows if row["participant"]]
            for key, rows in context["groups"].items()
        }
    return render(
        request,
        "matchmaking/participation/conferences.html",
        {**context, "nav": "conferences"},
    )


@staff_view
def event_settings(request, slug):
    """Staff create or edit a conference's matchmaking (found by the
    conference's slug, so that a conference without one answers too)."""
    conference = conference_get(slug=slug)
    event = event_of(conference=conference)
    request.event = event
    request.participant = None
    form = EventSettingsForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_save(
                conference=conference,
                event=event,
                **{f: form.cleaned_data[f] for f in form.Meta.fields},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The matchmaking settings are saved."))
            return redirect("matchmaking:event-home", slug=conference.slug)
    return render(
        request,
        "matchmaking/participation/event_settings.html",
        {"form": form, "conference": conference, "event": event, "nav": "settings"},
    )


@event_view()
def event_home(request):
    """A conference's matchmaking: a participant's status and next steps,
    staff's counts, or the register button for an organisation not in yet."""
    event = request.event
    if (
        not request.runs_matchmaking
        and request.participant is None
        and not user_can_take_part(user=request.user)
    ):
        raise Http404
    context = {
        "event": event,
        "participant": request.participant,
        "registration_open": registration_open(event=event),
        "nav": "home",
    }
    if request.runs_matchmaking:
        context["counts"] = participant_counts(event=event)
    return render(request, "matchmaking/participation/event_home.html", context)


def _attendee_formset(request, instance):
    return AttendeeFormSet(request.POST or None, instance=instance, prefix="attendees")


@event_view()
def participant_register(request):
    """A cooperative's or approved business's staff register their
    organisation, inside the registration window."""
    if request.participant is not None:
        return redirect(
            "matchmaking:participant-profile", slug=request.event.conference.slug
        )
    if not user_can_take_part(user=request.user):
        raise Http404
    form = ParticipantForm(
        request.POST or None, initial=registration_initial(user=request.user)
    )
    formset = _attendee_formset(request, Participant(event=request.event))
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        data = form.cleaned_data
        try:
            participant_register_service(
                event=request.event,
                user=request.user,
                data=data,
                categories=data["categories"],
                attendees=attendee_rows(formset),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Your registration is sent; staff will review it.")
            )
            return redirect(
                "matchmaking:event-home", slug=request.event.conference.slug
            )
    return render(
        request,
        "matchmaking/participation/participant_form.html",
        {
            "form": form,
            "formset": formset,
            "registering": True,
            "registration_open": registration_open(event=request.event),
            "nav": "profile",
        },
    )


@event_view(participant=True)
def participant_profile(request):
    """The participant's own profile and attendees."""
    participant = participant_own(request=request)
    form = ParticipantForm(
        request.POST or None, initial=ParticipantForm.initial_of(participant)
    )
    formset = _attendee_formset(request, participant)
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        data = form.cleaned_data
        try:
            participant_update(
                participant=participant,
                data=data,
                categories=data["categories"],
                attendees=attendee_rows(formset),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(
                "matchmaking:participant-profile", slug=request.event.conference.slug
            )
    return render(
        request,
        "matchmaking/participation/participant_form.html",
        {
            "form": form,
            "formset": formset,
            "participant": participant,
            "registering": False,
            "nav": "profile",
        },
    )


@event_view(staff=True)
def participants(request):
    """Staff: every profile of the conference, by approval status."""
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    return render(
        request,
        "matchmaking/participation/participants.html",
        {
            "form": form,
            "participants": participant_list(event=request.event, status=status),
            "counts": participant_counts(event=request.event),
            "status": status,
            "nav": "participants",
        },
    )


@event_view(staff=True)
def participant_review(request, pk):
    """Staff approve a profile, or reject it with a reason."""
    participant = participant_get(event=request.event, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant_review_service(
                participant=participant,
                approve=form.cleaned_data["decision"] == "approved",
                reason=form.cleaned_data["reason"],
                site_url=request.build_absolute_uri(
                    reverse(
                        "matchmaking:event-home",
                        kwargs={"slug": request.event.conference.slug},
                    )
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The decision is saved and e-mailed."))
            return redirect(
                "matchmaking:participants", slug=request.event.conference.slug
            )
    return render(
        request,
        "matchmaking/participation/participant_review.html",
        {
            "form": form,
            "other": participant,
            "contact_shown": True,
            "nav": "participants",
        },
    )


@event_view(approved=True)
def participant_detail(request, pk):
    """Another approved participant's public profile; its phone and e-mail
    only once a meeting between the two is accepted."""
    other = participant_get(
        event=request.event, pk=pk, approved_only=not request.runs_matchmaking
    )
    shown = request.runs_matchmaking or contact_visible(
        viewer=request.participant, other=other
    )
    return render(
        request,
        "matchmaking/participation/participant_detail.html",
        {"other": other, "contact_shown": shown, "nav": "market"},
    )


@event_view(participant=True)
def badges(request, pk):
    """The printable badges of a participant's attendees, each with the QR
    code staff scan at the door."""
    if not request.runs_matchmaking and (
        request.participant is None or request.participant.pk != pk
    ):
        raise Http404
    participant = participant_get(event=request.event, pk=pk)
    cards = []
    for attendee in badge_attendees(participant=participant):
        attendee.participant = participant
        url = badge_check_in_url(request, attendee)
        cards.append({"attendee": attendee, "url": url, "qr": badge_qr_svg(url)})
    return render(
        request,
        "matchmaking/participation/badges.html",
        {"participant": participant, "cards": cards, "nav": "profile"},
    )
