"""Views of the agreements register: staff area and the cooperative side.

Alliance staff (the Agreements staff group, superusers) see and do
everything. A cooperative's staff see only their cooperative's agreements
and report deliveries on them; any other agreement answers 404. Anyone else
signed in gets 404 for every page; anonymous visitors go to the login page.
"""

import datetime
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.core.exports import xlsx_response
from marketplace.core.http import redirect_next
from marketplace.submissions import (
    SubmissionReplayed,
    submission_once,
    submission_replayed_redirect,
)
from marketplace.uploads.serving import private_file_response

from . import excel, imports, selectors, services
from .forms import (
    AgreementForm,
    BusinessForm,
    CancelForm,
    CommitmentFormSet,
    ConferenceForm,
    DeliveryForm,
    DifficultyForm,
    DifficultyUpdateForm,
    FilterForm,
    FollowUpCloseForm,
    ImportForm,
    MilestoneFormSet,
)
from .models import (
    Agreement,
    Conference,
    DeliveryReport,
    Difficulty,
    FollowUp,
)


def register_user_required(view):
    """Let in agreements staff and cooperative staff; 404 for anyone else."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.is_agreements_staff = selectors.user_is_agreements_staff(
            user=request.user
        )
        if not request.is_agreements_staff and not selectors.user_partner_ids(
            user=request.user
        ):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def staff_required(view):
    """Agreements staff only; 404 for anyone else signed in."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.user_is_agreements_staff(user=request.user):
            raise Http404
        request.is_agreements_staff = True
        return view(request, *args, **kwargs)

    return wrapped


def _add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, beside its field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, error)


def _today(request) -> datetime.date:
    return timezone.localdate()


def _filters(request) -> tuple[FilterForm, dict]:
    """Return the filter form and the filters it holds; a filter with an
    error (a business that matches nothing) is left out, the others apply."""
    form = FilterForm(request.GET or None, user=request.user)
    data = {}
    if form.is_bound:
        # An invalid form's cleaned_data still holds its valid fields.
        form.is_valid()
        data = form.cleaned_data
    return form, {
        key: value for key, value in data.items() if value not in (None, "", False)
    }


# --- home: dashboard for staff, list for cooperatives -----------------------


@register_user_required
def home(request):
    if not request.is_agreements_staff:
        return redirect("agreements:list")
    return dashboard(request)


def _decorate(agreements) -> list:
    """Attach party rows and the status label to a page of agreements."""
    agreements = list(agreements)
    parties = selectors.agreement_list_parties(agreements=agreements)
    labels = dict(selectors.status_choices())
    for agreement in agreements:
        agreement.party_rows = parties[agreement.pk]
        agreement.status_label = labels[agreement.status]
    return agreements


def _decorate_lines(lines) -> list:
    """Attach percentages and the status label to an agreement's lines."""
    labels = dict(selectors.status_choices())
    lines = list(lines)
    for line in lines:
        line.percent = 100.0 * line.delivered_value / line.value if line.value else 0
        line.expected_percent = (
            100.0 * line.expected_value / line.value if line.value else 0
        )
        line.over = (
            line.delivered_value > line.value or line.delivered_quantity > line.quantity
        )
        line.status_label = labels[line.status]
    return lines


def _list_url(**params) -> str:
    query = {
        k: (v.pk if hasattr(v, "pk") else v)
        for k, v in params.items()
        if v not in (None, "")
    }
    return reverse("agreements:list") + ("?" + urlencode(query) if query else "")


@staff_required
def dashboard(request, slug: str | None = None):
    today = _today(request)
    conference = get_object_or_404(Conference, slug=slug) if slug else None
    summary = selectors.dashboard_summary(conference=conference, today=today)
    by_coop = summary["by_coop"]
    by_product = summary["by_product"]
    over_time = summary["over_time"]
    base = {"conference": conference.pk} if conference else {}
    status_links = [
        (value, label, summary["statuses"][value], _list_url(status=value, **base))
        for value, label in selectors.status_choices()
    ]
    chart = {
        "time": {
            "labels": [row["month"].strftime("%m/%Y") for row in over_time],
            "values": [row["cumulative"] for row in over_time],
        },
        "coop": {
            "labels": [row["partner__name"] for row in by_coop],
            "values": [row["percent"] or 0 for row in by_coop],
            "links": [
                _list_url(partner_id=row["partner_id"], **base) for row in by_coop
            ],
        },
        "product": {
            "labels": [f"{row['label']} ({row['unit']})" for row in by_product],
            "values": [row["percent"] or 0 for row in by_product],
        },
        "label_delivered": _("Delivered value (VND), cumulative"),
        "label_percent": _("Fulfilment % by value"),
    }
    return render(
        request,
        "agreements/dashboard.html",
        {
            "conference": conference,
            "conferences": Conference.objects.order_by("-start_date", "name"),
            "summary": summary,
            "status_links": status_links,
            "by_coop": [
                {**row, "url": _list_url(partner_id=row["partner_id"], **base)}
                for row in by_coop
            ],
            "by_product": by_product,
            "chart": chart,
            "links": {
                "all": _list_url(**base),
                "behind": _list_url(behind="on", **base),
                "fulfilment": _list_url(sort="fulfilment", **base),
                "difficulties": reverse("agreements:difficulties"),
                "overdue_difficulties": reverse("agreements:difficulties")
                + "?state=overdue",
                "follow_ups": reverse("agreements:follow-ups") + "?state=overdue",
                "pending": reverse("agreements:pending-reports"),
            },
            "nav": "dashboard",
        },
    )


@staff_required
def conference_print(request, slug: str):
    today = _today(request)
    conference = get_object_or_404(Conference, slug=slug)
    agreements = Agreement.objects.filter(conference=conference)
    rows = selectors.agreement_list(
        filters={"conference": conference}, sort="number", today=today
    )
    return render(
        request,
        "agreements/conference_print.html",
        {
            "conference": conference,
            "summary": selectors.dashboard_summary(conference=conference, today=today),
            "by_coop": selectors.fulfilment_by_cooperative(
                agreements=agreements, today=today
            ),
            "by_product": selectors.fulfilment_by_product(
                agreements=agreements, today=today
            ),
            "agreements": _decorate(rows),
        },
    )


@staff_required
def conference_export(request, slug: str):
    conference = get_object_or_404(Conference, slug=slug)
    content = excel.export_conference_summary(
        conference=conference, today=_today(request)
    )
    return xlsx_response(filename=f"{conference.slug}-summary.xlsx", content=content)


# --- list, export -------------------------------------------------------------


@register_user_required
def agreement_list(request):
    form, filters = _filters(request)
    sort = request.GET.get("sort") or "-signed"
    page = selectors.agreement_list_page(
        user=request.user,
        filters=filters,
        sort=sort,
        today=_today(request),
        number=request.GET.get("page"),
    )
    page.object_list = _decorate(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "nav": "list",
        },
    )


@register_user_required
def party_lookup(request, kind: str):
    """Answer the filters' type-ahead: at most 20 businesses (``kind``
    "business") or cooperatives ("cooperative") the user may see whose name
    or tax code matches ``q``, as JSON."""
    matches = selectors.party_search(
        candidates=selectors.party_candidates(kind=kind, user=request.user),
        query=request.GET.get("q", "")[:100],
    )
    return JsonResponse(
        {
            "results": [
                {"id": pk, "name": name, "tax_code": tax_code}
                for pk, name, tax_code in matches
            ]
        }
    )


@staff_required
def agreement_export(request):
    _form, filters = _filters(request)
    today = _today(request)
    rows = selectors.agreement_list(
        user=request.user,
        filters=filters,
        sort=request.GET.get("sort") or "number",
        today=today,
    )
    return xlsx_response(
        filename=f"agreements-{today:%Y%m%d}.xlsx",
        content=excel.export_agreements(agreements=rows, today=today),
    )


# --- one agreement -------------------------------------------------------------


@register_user_required
def agreement_detail(request, pk: int):
    today = _today(request)
    agreement = selectors.agreement_get(pk=pk, user=request.user, today=today)
    agreement.status_label = dict(selectors.status_choices())[agreement.status]
    # What this user may see of it: a cooperative only its own part.
    detail = selectors.agreement_detail_for(
        user=request.user, agreement=agreement, today=today
    )
    detail["lines"] = _decorate_lines(detail["lines"])
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
            _add_errors(form, error)
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


# --- deliveries ---------------------------------------------------------------


@register_user_required
def delivery_create(request, pk: int):
    agreement = selectors.agreement_get(pk=pk, user=request.user)
    commitments = selectors.commitments_reportable_by(
        user=request.user, agreement=agreement
    )
    if not request.is_agreements_staff and not commitments.exists():
        raise Http404
    initial = {"delivered_on": _today(request)}
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
            _add_errors(form, error)
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
            "reports": selectors.pending_report_list(user=request.user),
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


# --- difficulties ---------------------------------------------------------------


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
            _add_errors(form, error)
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
            "difficulties": selectors.difficulty_list(
                user=request.user, state=state, today=_today(request)
            ),
            "state": state,
            "today": _today(request),
            "nav": "difficulties",
        },
    )


# --- follow-ups ---------------------------------------------------------------


@staff_required
def follow_up_list(request):
    state = request.GET.get("state", "open")
    return render(
        request,
        "agreements/follow_up_list.html",
        {
            "follow_ups": selectors.follow_up_list(
                user=request.user, state=state, today=_today(request)
            ),
            "state": state,
            "today": _today(request),
            "nav": "follow_ups",
        },
    )


@staff_required
def follow_up_close(request, pk: int):
    follow_up = get_object_or_404(FollowUp.objects.select_related("agreement"), pk=pk)
    form = FollowUpCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.follow_up_close(
            follow_up=follow_up, user=request.user, outcome=form.cleaned_data["outcome"]
        )
        messages.success(request, _("Follow-up closed."))
        return redirect_next(request, follow_up.agreement)
    return render(
        request,
        "agreements/simple_form.html",
        {
            "form": form,
            "agreement": follow_up.agreement,
            "title": _("Close the follow-up: %(kind)s")
            % {"kind": follow_up.get_kind_display()},
            "submit": _("Close"),
        },
    )


# --- import ---------------------------------------------------------------------


@staff_required
def import_template(request):
    return xlsx_response(
        filename="agreements-template.xlsx", content=excel.import_template()
    )


@staff_required
def import_agreements(request):
    """Upload a sheet: it is stored privately and checked in the background;
    the job's page shows the progress, then the preview to confirm."""
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"conference": request.GET.get("conference")},
    )
    fetch = request.headers.get("x-requested-with") == "fetch"
    if request.method == "POST" and form.is_valid():
        job = imports.import_job_create(
            conference=form.cleaned_data["conference"],
            file=form.cleaned_data["file"],
            user=request.user,
            file_name=form.file_name,
        )
        if fetch:
            return JsonResponse(
                {
                    "ok": True,
                    "redirect": job.get_absolute_url(),
                    "status_url": reverse("agreements:import-status", args=[job.pk]),
                }
            )
        return redirect(job)
    if fetch and request.method == "POST":
        errors = [str(e) for errors in form.errors.values() for e in errors]
        return JsonResponse({"ok": False, "errors": errors}, status=400)
    return render(
        request,
        "agreements/import.html",
        {"form": form, "jobs": imports.import_job_list_recent(), "nav": "import"},
    )


@staff_required
def import_job(request, pk: int):
    """One import: its progress, then the preview to confirm or the errors,
    then the outcome."""
    job = imports.import_job_get(pk=pk)
    errors = [imports.error_text(error) for error in job.errors]
    preview = job.preview or {}
    return render(
        request,
        "agreements/import_job.html",
        {
            "job": job,
            "errors": errors,
            "preview": preview,
            "columns": [str(imports.COLUMN_LABELS[key]) for key in imports.KEYS],
            "list_url": _list_url(conference=job.conference_id),
            "status": imports.import_job_status(job=job),
            "nav": "import",
        },
    )


@staff_required
def import_job_status(request, pk: int):
    """The job's progress, polled by the import page (JSON)."""
    job = imports.import_job_get(pk=pk)
    return JsonResponse(imports.import_job_status(job=job))


@staff_required
@require_POST
def import_job_confirm(request, pk: int):
    """Write a checked import; only this request writes."""
    job = imports.import_job_get(pk=pk)
    if not imports.import_job_confirm(job=job):
        messages.error(request, _("This import is not waiting for confirmation."))
    elif job.status == job.Status.DONE:
        messages.success(
            request,
            _("%(agreements)d agreements with %(lines)d lines imported.")
            % {"agreements": job.agreements_created, "lines": job.commitments_created},
        )
    return redirect(job)


# --- conferences and businesses --------------------------------------------------


@staff_required
def conference_create(request):
    form = ConferenceForm(request.POST or None, user=request.user)
    if request.method == "POST" and (replay := form.submission_replayed()):
        return submission_replayed_redirect(request, replay, "agreements:home")
    if request.method == "POST" and form.is_valid():
        try:
            conference = submission_once(
                token=form.submission_token,
                user=request.user,
                write=lambda: services.conference_save(
                    conference=form.save(commit=False)
                ),
                result_url=lambda conference: conference.get_absolute_url(),
            )
        except SubmissionReplayed as replay:
            return submission_replayed_redirect(request, replay, "agreements:home")
        return redirect(conference)
    return render(
        request,
        "agreements/simple_form.html",
        {"form": form, "title": _("New conference"), "submit": _("Save")},
    )


@staff_required
def business_create(request):
    form = BusinessForm(request.POST or None, user=request.user)
    if request.method == "POST" and (replay := form.submission_replayed()):
        return submission_replayed_redirect(request, replay, "agreements:list")
    if request.method == "POST" and form.is_valid():
        try:
            business = submission_once(
                token=form.submission_token,
                user=request.user,
                write=lambda: services.business_save(business=form.save(commit=False)),
                result_url=lambda _business: reverse("agreements:list"),
            )
        except SubmissionReplayed as replay:
            return submission_replayed_redirect(request, replay, "agreements:list")
        messages.success(
            request, _("Business %(name)s saved.") % {"name": business.name}
        )
        return redirect("agreements:list")
    return render(
        request,
        "agreements/simple_form.html",
        {"form": form, "title": _("New business"), "submit": _("Save")},
    )


# --- private files: anyone who may not see the object gets 404 -------------


def agreement_document(request, pk: int):
    """Send an agreement's signed document to staff and its cooperatives."""
    agreement = selectors.agreement_document_get(pk=pk, user=request.user)
    return private_file_response(file=agreement.document)


def delivery_evidence(request, pk: int):
    """Send a delivery's evidence to staff and the delivering cooperative."""
    report = selectors.delivery_evidence_get(pk=pk, user=request.user)
    return private_file_response(file=report.evidence)
