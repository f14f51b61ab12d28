"""Difficulties: logging one (staff), raising one (a cooperative, on its
own agreement), updating it, the list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from marketplace.submissions import (
    SubmissionReplayed,
    submission_once,
    submission_replayed_redirect,
)

from .. import services
from ..forms import CooperativeDifficultyForm, DifficultyForm, DifficultyUpdateForm
from ..models import Agreement, Difficulty
from ..selectors import follow_ups
from ..selectors.agreement import agreement_get
from .requests import add_errors, register_user_required, staff_required, today_of


@staff_required
def difficulty_create(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    form = DifficultyForm(request.POST or None, user=request.user)
    if request.method == "POST" and (replay := form.submission_replayed()):
        return submission_replayed_redirect(request, replay, agreement)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in DifficultyForm.Meta.fields
        }
        try:
            submission_once(
                token=form.submission_token,
                user=request.user,
                write=lambda: services.difficulty_raise(
                    agreement=agreement, user=request.user, **fields
                ),
                result_url=lambda _difficulty: agreement.get_absolute_url(),
            )
        except SubmissionReplayed as replay:
            return submission_replayed_redirect(request, replay, agreement)
        messages.success(request, _("Difficulty logged."))
        return redirect(agreement)
    return render(
        request,
        "agreements/simple_form.html",
        {
            "form": form,
            "agreement": agreement,
            "title": _("Log a difficulty on %(number)s") % {"number": agreement.number},
            "submit": _("Save"),
        },
    )


@register_user_required
def difficulty_raise(request, pk: int):
    """A cooperative's user raises a difficulty on its own agreement (404 on
    any other); staff log theirs with ``difficulty_create``."""
    if request.is_agreements_staff:
        return redirect("agreements:difficulty-create", pk=pk)
    agreement = agreement_get(pk=pk, user=request.user)
    form = CooperativeDifficultyForm(request.POST or None, user=request.user)
    if request.method == "POST" and (replay := form.submission_replayed()):
        return submission_replayed_redirect(request, replay, agreement)
    if request.method == "POST" and form.is_valid():
        try:
            submission_once(
                token=form.submission_token,
                user=request.user,
                write=lambda: services.difficulty_raise_by_cooperative(
                    agreement=agreement,
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    description=form.cleaned_data["description"],
                    today=today_of(request),
                ),
                result_url=lambda _difficulty: agreement.get_absolute_url(),
            )
        except SubmissionReplayed as replay:
            return submission_replayed_redirect(request, replay, agreement)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Difficulty sent: the alliance's staff have been told."),
            )
            return redirect(agreement)
    return render(
        request,
        "agreements/simple_form.html",
        {
            "form": form,
            "agreement": agreement,
            "title": _("Report a difficulty on %(number)s")
            % {"number": agreement.number},
            "submit": _("Send"),
        },
    )


@staff_required
def difficulty_update(request, pk: int):
    difficulty = get_object_or_404(
        Difficulty.objects.select_related("agreement"), pk=pk
    )
    form = DifficultyUpdateForm(request.POST or None, instance=difficulty)
    if request.method == "POST" and form.is_valid():
        try:
            services.difficulty_update(difficulty=difficulty, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Difficulty updated."))
            return redirect(difficulty.agreement)
    return render(
        request,
        "agreements/simple_form.html",
        {
            "form": form,
            "agreement": difficulty.agreement,
            "object": difficulty,
            "title": _("Difficulty: %(kind)s")
            % {"kind": difficulty.get_kind_display()},
            "submit": _("Save"),
        },
    )


@staff_required
def difficulty_list(request):
    state = request.GET.get("state", "open")
    return render(
        request,
        "agreements/difficulty_list.html",
        {
            "difficulties": follow_ups.difficulty_list(
                user=request.user, state=state, today=today_of(request)
            ),
            "state": state,
            "today": today_of(request),
            "nav": "difficulties",
        },
    )
