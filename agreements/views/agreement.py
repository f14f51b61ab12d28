"""One agreement: its page, the form that creates or edits it, cancelling
and reinstating.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.submissions import (
    SubmissionReplayed,
    submission_once,
    submission_replayed_redirect,
)

from .. import services
from ..forms import (
    AgreementForm,
    CancelForm,
    CommitmentFormSet,
    CooperativeDifficultyForm,
    MilestoneFormSet,
)
from ..models import Agreement
from ..selectors.agreement import agreement_detail_for, agreement_get
from ..status import status_choices
from .requests import add_errors, register_user_required, staff_required, today_of
from .rows import decorate_lines


@register_user_required
def agreement_detail(request, pk: int):
    today = today_of(request)
    agreement = agreement_get(pk=pk, user=request.user, today=today)
    agreement.status_label = dict(status_choices())[agreement.status]
    # What this user may see of it: a cooperative only its own part.
    detail = agreement_detail_for(user=request.user, agreement=agreement, today=today)
    detail["lines"] = decorate_lines(detail["lines"])
    if not request.is_agreements_staff:
        # A cooperative raises a difficulty from the page itself.
        detail["difficulty_form"] = CooperativeDifficultyForm(user=request.user)
    return render(
        request,
        "agreements/agreement_detail.html",
        {"agreement": agreement, **detail, "today": today, "nav": "list"},
    )


def _parties(form) -> list[services.PartyData]:
    return [
        services.PartyData(role=form.cleaned_data["cooperative_role"], partner=p)
        for p in form.cleaned_data["cooperatives"]
    ] + [
        services.PartyData(role=form.cleaned_data["business_role"], business=b)
        for b in form.cleaned_data["businesses"]
    ]


@staff_required
def agreement_edit(request, pk: int | None = None):
    agreement = get_object_or_404(Agreement, pk=pk) if pk else Agreement()
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=agreement,
        user=request.user,
    )
    lines = CommitmentFormSet(request.POST or None, instance=agreement, prefix="lines")
    schedule = MilestoneFormSet(
        request.POST or None, instance=agreement, prefix="schedule"
    )
    if request.method == "POST" and (replay := form.submission_replayed()):
        return submission_replayed_redirect(request, replay, "agreements:list")
    if (
        request.method == "POST"
        and form.is_valid()
        and lines.is_valid()
        and schedule.is_valid()
    ):
        try:
            # Once per rendered form: a double submit saves one agreement.
            saved = submission_once(
                token=form.submission_token,
                user=request.user,
                write=lambda: services.agreement_save(
                    agreement=form.save(commit=False),
                    parties=_parties(form),
                    commitments=[
                        f.instance
                        for f in lines.forms
                        if f.has_changed() or f.instance.pk
                        if not (lines.can_delete and f.cleaned_data.get("DELETE"))
                    ],
                    deleted_commitments=[
                        f.instance for f in lines.deleted_forms if f.instance.pk
                    ],
                    milestones=[
                        f.instance
                        for f in schedule.forms
                        if f.cleaned_data and not f.cleaned_data.get("DELETE")
                    ],
                ),
                result_url=lambda saved: saved.get_absolute_url(),
            )
        except SubmissionReplayed as replay:
            return submission_replayed_redirect(request, replay, "agreements:list")
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Agreement %(number)s saved.") % {"number": saved.number}
            )
            return redirect(saved)
    return render(
        request,
        "agreements/agreement_form.html",
        {
            "form": form,
            "lines": lines,
            "schedule": schedule,
            "agreement": agreement,
            "nav": "list",
        },
    )


@staff_required
def agreement_cancel(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.agreement_cancel(
            agreement=agreement, reason=form.cleaned_data["reason"], user=request.user
        )
        messages.success(request, _("The agreement is cancelled."))
        return redirect(agreement)
    return render(
        request,
        "agreements/simple_form.html",
        {
            "form": form,
            "agreement": agreement,
            "title": _("Cancel agreement %(number)s") % {"number": agreement.number},
            "submit": _("Cancel the agreement"),
            "danger": True,
        },
    )


@staff_required
@require_POST
def agreement_reinstate(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    services.agreement_reinstate(agreement=agreement)
    messages.success(request, _("The agreement is no longer cancelled."))
    return redirect(agreement)
