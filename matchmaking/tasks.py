"""Background tasks of matchmaking: a scheduler run.

A ``ScheduleRun`` is queued by staff (``services.scheduling
.schedule_run_start``); the task places the pending meetings, writing its
progress on the run row (which the schedule page polls), then e-mails each
participant the slots it was given. With the immediate backend (the
embedded default, the tests) it runs in-process, inside the request that
queues it.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_
from django_tasks import task

from .models import ScheduleRun
from .services.scheduling import meetings_schedule

logger = logging.getLogger("htx.matchmaking")

Status = ScheduleRun.Status

#: Progress is written at most this often (meetings).
PROGRESS_EVERY = 100


def _run_update(run_id: int, **fields) -> None:
    ScheduleRun.objects.filter(pk=run_id).update(**fields)


@task()
def schedule_run_execute(run_id: int) -> str:
    """Task: place the run's conference's pending meetings."""
    updated = ScheduleRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING
    )
    if not updated:
        return "skipped"
    run = ScheduleRun.objects.select_related("event__conference").get(pk=run_id)
    last = {"done": -PROGRESS_EVERY}

    def progress(done: int, total: int) -> None:
        if done - last["done"] >= PROGRESS_EVERY or done >= total:
            last["done"] = done
            _run_update(run_id, done=done, total=total)

    try:
        result = meetings_schedule(event=run.event, progress=progress)
    except Exception:
        logger.exception("Schedule run %s failed", run_id)
        _run_update(
            run_id,
            status=Status.FAILED,
            error=N_("The scheduler stopped; nothing was placed. Try again."),
            finished_at=timezone.now(),
        )
        return Status.FAILED
    status = Status.FAILED if result.error else Status.DONE
    _run_update(
        run_id,
        status=status,
        placed=result.placed,
        unplaced=result.unplaced,
        error=result.error,
        done=result.placed + result.unplaced,
        total=result.placed + result.unplaced,
        finished_at=timezone.now(),
    )
    if result.placed_ids:
        from .notifications import meetings_scheduled_notify

        ids = result.placed_ids
        transaction.on_commit(lambda: meetings_scheduled_notify(meeting_ids=ids))
    return status
