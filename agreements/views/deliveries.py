"""Delivery reports: reporting one, the reports awaiting verification,
verifying and rejecting.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.core.http import redirect_next
from marketplace.submissions import (
    SubmissionReplayed,
    submission_once,
    submission_replayed_redirect,
)

from .. import services
from ..forms import DeliveryForm
from ..models import DeliveryReport
from ..selectors.agreement import agreement_get, commitments_reportable_by
from ..selectors.follow_ups import pending_report_list
from .requests import add_errors, register_user_required, staff_required, today_of


@register_user_required
def delivery_create(request, pk: int):
    agreement = agreement_get(pk=pk, user=request.user)
    commitments = commitments_reportable_by(user=request.user, agreement=agreement)
    if not request.is_agreements_staff and not commitments.exists():
        raise Http404
    initial = {"delivered_on": today_of(request)}
    if request.GET.get("line"):
        initial["commitment"] = request.GET["line"]
    form = DeliveryForm(
        request.POST or None,
        request.FILES or None,
        commitments=commitments,
        initial=initial,
        user=request.user,
    )
    if request.method == "POST" and (replay := form.submission_replayed()):
        return submission_replayed_redirect(request, replay, agreement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # One report per rendered form, however often it is sent.
            report = submission_once(
                token=form.submission_token,
                user=request.user,
                write=lambda: services.delivery_report_record(
                    commitment=data["commitment"],
                    user=request.user,
                    delivered_on=data["delivered_on"],
                    quantity=data["quantity"],
                    value=data["value"],
                    unit=data.get("unit") or None,
                    evidence=data.get("evidence"),
                    note=data.get("note", ""),
                ),
                result_url=lambda _report: agreement.get_absolute_url(),
            )
        except SubmissionReplayed as replay:
            return submission_replayed_redirect(request, replay, agreement)
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            if report.is_verified:
                messages.success(request, _("Delivery recorded."))
            else:
                messages.success(
                    request,
                    _("Delivery reported; it counts once the alliance verifies it."),
                )
            if report.over_commitment:
                messages.warning(
                    request, _("This delivery takes the commitment past 100 %.")
                )
            return redirect(agreement)
    return render(
        request,
        "agreements/simple_form.html",
        {
            "form": form,
            "agreement": agreement,
            "multipart": True,
            "title": _("Report a delivery on %(number)s")
            % {"number": agreement.number},
            "submit": _("Save the delivery"),
        },
    )


@staff_required
def pending_reports(request):
    return render(
        request,
        "agreements/pending_reports.html",
        {
            "reports": pending_report_list(user=request.user),
            "nav": "pending",
        },
    )


@staff_required
@require_POST
def report_verify(request, pk: int):
    report = get_object_or_404(
        DeliveryReport.objects.select_related("commitment"), pk=pk
    )
    try:
        services.delivery_report_verify(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Delivery verified."))
        if report.over_commitment:
            messages.warning(
                request, _("This delivery takes the commitment past 100 %.")
            )
    return redirect_next(request, report.commitment.agreement)


@staff_required
@require_POST
def report_reject(request, pk: int):
    report = get_object_or_404(
        DeliveryReport.objects.select_related("commitment"), pk=pk
    )
    agreement = report.commitment.agreement
    try:
        services.delivery_report_reject(
            report=report, user=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Report rejected."))
    return redirect_next(request, agreement)
