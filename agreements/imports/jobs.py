"""Import jobs: an uploaded sheet stored, checked and written in the
background (``tasks.py``), and what the import pages show of it."""

from typing import Any

from ..models import ImportJob


def import_job_create(*, conference, file, user, file_name: str = "") -> ImportJob:
    """Store an uploaded sheet privately and queue its check."""
    from ..tasks import import_job_check

    job = ImportJob(
        conference=conference,
        created_by=user,
        file_name=(file_name or getattr(file, "name", "") or "")[:255],
    )
    job.file.save(file.name, file, save=False)
    job.save()
    # With the immediate backend the check runs here, before the redirect.
    import_job_check.enqueue(job.pk)
    job.refresh_from_db()
    return job


def import_job_confirm(*, job: ImportJob) -> bool:
    """Queue the writing of a checked job; False unless it was ready (a
    second click, or a job already run)."""
    from ..tasks import import_job_run

    started = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
        status=ImportJob.Status.IMPORTING, rows_done=0
    )
    if not started:
        return False
    import_job_run.enqueue(job.pk)
    job.refresh_from_db()
    return True


def import_job_get(*, pk: int) -> ImportJob:
    """Return one import job (404 when there is none)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        ImportJob.objects.select_related("conference", "created_by"), pk=pk
    )


def import_job_list_recent(*, limit: int = 10) -> list[ImportJob]:
    """Return the latest import jobs, newest first."""
    return list(ImportJob.objects.select_related("conference", "created_by")[:limit])


def import_job_status(*, job: ImportJob) -> dict[str, Any]:
    """Return what the import page's progress bar shows (JSON-ready)."""
    return {
        "id": job.pk,
        "status": job.status,
        "label": str(job.get_status_display()),
        "running": job.is_running,
        "percent": job.percent,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "errors": len(job.errors),
        "url": job.get_absolute_url(),
    }
