"""Background tasks of the agreements register: the Excel import.

An ``ImportJob`` is checked (``import_job_check``: read every row, write
nothing, keep the preview and the errors), then, once staff confirm, run
(``import_job_run``: check again, since the register may have changed, and
write everything in one transaction). Both report progress on the job row,
which the import page polls. With the immediate backend (the embedded
default, the tests) they run in-process, inside the request that enqueues
them.
"""

import logging
from collections.abc import Callable

from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop as N_
from django_tasks import task

from .imports.checking import ImportPlan, import_sheet_check
from .imports.writing import import_plan_missed, import_plan_write
from .models import ImportJob

logger = logging.getLogger("htx.agreements")

Status = ImportJob.Status

#: Progress is written at most this often (rows).
PROGRESS_EVERY = 200


def _job_update(job_id: int, **fields) -> None:
    ImportJob.objects.filter(pk=job_id).update(**fields)


def _progress(job_id: int) -> Callable[[int, int], None]:
    """Return a progress callback that writes the job row now and then
    (outside any transaction: each update is visible at once)."""
    last = {"done": -PROGRESS_EVERY}

    def report(done: int, total: int) -> None:
        if done - last["done"] >= PROGRESS_EVERY or done >= total:
            last["done"] = done
            _job_update(job_id, rows_done=done, rows_total=total)

    return report


def _progress_beside_transaction(job_id: int) -> tuple[Callable, Callable]:
    """Return (report, close): progress written while the import's own
    transaction is open, so that the page sees it.

    On PostgreSQL through a second connection that commits each update; on
    SQLite a second writer would wait for the import's lock, so the bar
    stays indeterminate until the end.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return (lambda done, total: None), (lambda: None)
    side = connections.create_connection("default")
    table = ImportJob._meta.db_table
    last = {"done": -PROGRESS_EVERY}

    def report(done: int, total: int) -> None:
        if done - last["done"] >= PROGRESS_EVERY or done >= total:
            last["done"] = done
            with side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET rows_done = %s, rows_total = %s "  # noqa: S608
                    "WHERE id = %s",
                    [done, total, job_id],
                )

    return report, side.close


def _errors(plan: ImportPlan) -> list[dict]:
    return [error.as_dict() for error in plan.errors]


def _fail(job_id: int, message: str) -> None:
    _job_update(
        job_id,
        status=Status.FAILED,
        errors=[{"row": 0, "key": "", "message": message, "params": {}}],
        finished_at=timezone.now(),
    )


@task()
def import_job_check(job_id: int) -> str:
    """Task: check the job's sheet; the job becomes ready or failed."""
    updated = ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.VALIDATING, started_at=timezone.now(), rows_done=0
    )
    if not updated:
        return "skipped"
    job = ImportJob.objects.get(pk=job_id)
    try:
        with job.file.open("rb") as file:
            plan = import_sheet_check(file=file, progress=_progress(job_id))
    except Exception:
        logger.exception("Import job %s could not be checked", job_id)
        _fail(job_id, N_("The file could not be read; nothing was imported."))
        return Status.FAILED
    _job_update(
        job_id,
        status=Status.READY if plan.ok else Status.FAILED,
        rows_total=plan.rows,
        rows_done=plan.rows,
        errors=_errors(plan),
        preview=plan.preview(),
        checked_at=timezone.now(),
        finished_at=None if plan.ok else timezone.now(),
    )
    return Status.READY if plan.ok else Status.FAILED


@task()
def import_job_run(job_id: int) -> str:
    """Task: write a confirmed job's rows, all or nothing."""
    job = (
        ImportJob.objects.select_related("conference", "created_by")
        .filter(pk=job_id, status=Status.IMPORTING)
        .first()
    )
    if job is None:
        return "skipped"
    _job_update(job_id, rows_done=0)
    # One bar for both halves: checking again, then writing.
    checking = _progress(job_id)
    try:
        # Checked again: the register may have changed since the preview.
        with job.file.open("rb") as file:
            plan = import_sheet_check(
                file=file, progress=lambda done, total: checking(done // 2, total)
            )
    except Exception:
        logger.exception("Import job %s could not be read", job_id)
        _fail(job_id, N_("The file could not be read; nothing was imported."))
        return Status.FAILED
    if not plan.ok:
        _job_update(
            job_id,
            status=Status.FAILED,
            errors=_errors(plan),
            finished_at=timezone.now(),
        )
        return Status.FAILED
    report, close = _progress_beside_transaction(job_id)
    half = plan.rows // 2
    today = timezone.localdate()
    try:
        with transaction.atomic():
            agreements, lines = import_plan_write(
                plan=plan,
                conference=job.conference,
                user=job.created_by,
                progress=lambda done, total: report(half + done - done // 2, total),
                today=today,
            )
            close()
            # In the same transaction: "done" exactly when the rows exist.
            _job_update(
                job_id,
                status=Status.DONE,
                rows_done=F("rows_total"),
                agreements_created=agreements,
                commitments_created=lines,
                # Shown with the result: "N follow-ups ... recorded as missed".
                preview={
                    **(job.preview or {}),
                    "follow_ups_missed": import_plan_missed(plan=plan, today=today),
                },
                finished_at=timezone.now(),
            )
    except Exception:
        close()
        logger.exception("Import job %s failed while writing", job_id)
        _fail(
            job_id,
            N_(
                "The import stopped before the end and nothing was imported "
                "(another change to the register may have come first); try again."
            ),
        )
        return Status.FAILED
    return Status.DONE
