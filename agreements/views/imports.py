"""The Excel import: the template, the upload, the job's page, its
progress and its confirmation.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.core.exports import xlsx_response

from .. import excel
from ..forms import ImportForm
from ..imports import jobs
from ..imports.checking import error_text
from ..imports.columns import COLUMN_LABELS, KEYS
from .requests import staff_required
from .rows import list_url


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
        job = jobs.import_job_create(
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
        {"form": form, "jobs": jobs.import_job_list_recent(), "nav": "import"},
    )


@staff_required
def import_job(request, pk: int):
    """One import: its progress, then the preview to confirm or the errors,
    then the outcome."""
    job = jobs.import_job_get(pk=pk)
    errors = [error_text(error) for error in job.errors]
    preview = job.preview or {}
    return render(
        request,
        "agreements/import_job.html",
        {
            "job": job,
            "errors": errors,
            "preview": preview,
            "columns": [str(COLUMN_LABELS[key]) for key in KEYS],
            "list_url": list_url(conference=job.conference_id),
            "status": jobs.import_job_status(job=job),
            "nav": "import",
        },
    )


@staff_required
def import_job_status(request, pk: int):
    """The job's progress, polled by the import page (JSON)."""
    job = jobs.import_job_get(pk=pk)
    return JsonResponse(jobs.import_job_status(job=job))


@staff_required
@require_POST
def import_job_confirm(request, pk: int):
    """Write a checked import; only this request writes."""
    job = jobs.import_job_get(pk=pk)
    if not jobs.import_job_confirm(job=job):
        messages.error(request, _("This import is not waiting for confirmation."))
    elif job.status == job.Status.DONE:
        messages.success(
            request,
            _("%(agreements)d agreements with %(lines)d lines imported.")
            % {"agreements": job.agreements_created, "lines": job.commitments_created},
        )
    return redirect(job)
