"""Staff pages that lay out and fill the meeting days: the days, slot length
and tables (setup), the scheduler with its progress bar, and the run's
status (JSON, polled by static/matchmaking/schedule.js)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.views.requests import add_errors

from ..forms.meetings import MeetingDayForm, SlotLengthForm, TableForm, TablesAddForm
from ..models import MeetingDay, ScheduleRun, Table
from ..selectors.meetings import (
    event_slots,
    meeting_status_counts,
    schedule_run_status,
    unplaced_reasons,
)
from ..services import setup
from ..services.scheduling import schedule_run_start
from .requests import event_view

#: The setup page's forms: the POST's "action" → (form class, prefix).
SETUP_FORMS = {
    "day_add": (MeetingDayForm, "day"),
    "slot": (SlotLengthForm, "slot"),
    "table_add": (TableForm, "table"),
    "tables_add": (TablesAddForm, "tables"),
}


def _setup_action(request, action: str, form):
    """Run one setup action with a valid form; raise ValidationError."""
    event = request.event
    data = form.cleaned_data if form is not None else {}
    pk = request.POST.get("pk")
    if action == "day_add":
        setup.meeting_day_save(event=event, **data)
    elif action == "day_edit":
        day = get_object_or_404(MeetingDay, pk=pk, event=event)
        setup.meeting_day_save(event=event, day=day, **data)
    elif action == "day_remove":
        setup.meeting_day_remove(day=get_object_or_404(MeetingDay, pk=pk, event=event))
    elif action == "slot":
        setup.event_slot_minutes_set(event=event, minutes=data["slot_minutes"])
    elif action == "table_add":
        setup.table_add(event=event, name=data["name"])
    elif action == "tables_add":
        setup.tables_add_many(event=event, count=data["count"], prefix=_("Table"))
    elif action == "table_rename":
        table = get_object_or_404(Table, pk=pk, event=event)
        setup.table_rename(table=table, name=data["name"])
    elif action == "table_remove":
        setup.table_remove(table=get_object_or_404(Table, pk=pk, event=event))


@event_view(staff=True)
def meeting_setup(request):
    """The meeting days and their hours, the slot length and the tables."""
    event = request.event
    forms = {
        action: form_class(
            prefix=prefix,
            initial={"slot_minutes": event.slot_minutes} if action == "slot" else None,
        )
        for action, (form_class, prefix) in SETUP_FORMS.items()
    }
    failed = {"action": "", "pk": "", "form": None, "errors": []}
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = None
        if action in SETUP_FORMS:
            form_class, prefix = SETUP_FORMS[action]
            form = form_class(request.POST, prefix=prefix)
            forms[action] = form
        elif action == "day_edit":
            form = MeetingDayForm(request.POST, prefix=f"day-{request.POST.get('pk')}")
        elif action == "table_rename":
            form = TableForm(request.POST, prefix=f"table-{request.POST.get('pk')}")
        if form is None or form.is_valid():
            try:
                _setup_action(request, action, form)
            except ValidationError as error:
                if form is not None:
                    add_errors(form, error)
                failed["errors"] = error.messages
            else:
                messages.success(request, _("Saved."))
                return redirect("matchmaking:setup", event.conference.slug)
        failed.update(action=action, pk=request.POST.get("pk", ""), form=form)
    days = list(event.days.all())
    for day in days:
        bound = failed["action"] == "day_edit" and failed["pk"] == str(day.pk)
        day.form = (
            failed["form"]
            if bound
            else MeetingDayForm(
                prefix=f"day-{day.pk}",
                initial={
                    "date": day.date,
                    "starts_at": day.starts_at,
                    "ends_at": day.ends_at,
                },
            )
        )
        day.slots = sum(1 for _slot in event_slots(event=event, days=[day]))
        day.failed = (
            failed["errors"]
            if (failed["action"] == "day_remove" and failed["pk"] == str(day.pk))
            else []
        )
    tables = list(event.tables.all())
    for table in tables:
        bound = failed["action"] == "table_rename" and failed["pk"] == str(table.pk)
        table.form = (
            failed["form"]
            if bound
            else TableForm(prefix=f"table-{table.pk}", initial={"name": table.name})
        )
        table.failed = (
            failed["errors"]
            if (failed["action"] == "table_remove" and failed["pk"] == str(table.pk))
            else []
        )
    return render(
        request,
        "matchmaking/meetings/setup.html",
        {
            "forms": forms,
            "days": days,
            "tables": tables,
            "slots": len(event_slots(event=event, days=days)),
            "nav": "schedule",
        },
        status=400
        if failed["errors"] or (failed["form"] and failed["form"].errors)
        else 200,
    )


@event_view(staff=True)
def schedule(request):
    """The scheduler: the counts, why meetings wait, "place all pending
    meetings" (POST: queue a run, then follow its progress), and the
    latest run."""
    event = request.event
    if request.method == "POST":
        run = schedule_run_start(event=event, user=request.user)
        url = reverse("matchmaking:schedule", args=[event.conference.slug])
        return redirect(f"{url}?run={run.pk}")
    run_id = request.GET.get("run")
    runs = ScheduleRun.objects.filter(event=event)
    run = runs.filter(pk=run_id).first() if run_id and run_id.isdigit() else None
    run = run or runs.first()
    counts = meeting_status_counts(event=event)
    placed = event.meetings.filter(starts_at__isnull=False).count()
    return render(
        request,
        "matchmaking/meetings/schedule.html",
        {
            "counts": counts,
            "placed": placed,
            "unplaced": counts["accepted"] - placed,
            "reasons": unplaced_reasons(event=event),
            "run": run,
            "status": schedule_run_status(run=run) if run else None,
            "tables": list(event.tables.all()),
            "slots": len(event_slots(event=event)),
            "nav": "schedule",
        },
    )


@event_view(staff=True)
def schedule_status(request, pk: int):
    """A run's progress (JSON)."""
    run = get_object_or_404(ScheduleRun, pk=pk, event=request.event)
    return JsonResponse(schedule_run_status(run=run))
