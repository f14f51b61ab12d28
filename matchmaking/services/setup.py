"""Writing how a conference's meetings are laid out: the meeting days and
their hours, the slot length, the tables.

Nothing here moves a meeting already placed: a change that would leave one
off the grid (a day removed or shortened, the slot length changed, a table
removed) is refused with how many meetings stand in the way, and staff
cancel or move those first.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    MAX_SLOT_MINUTES,
    MIN_SLOT_MINUTES,
    Event,
    Meeting,
    MeetingDay,
    Table,
)
from ..selectors.meetings import day_slots, local_zone

#: How far from the conference's own dates a meeting day may be.
DAYS_AROUND_CONFERENCE = 7


def _placed_on(*, event: Event, date: datetime.date) -> list[Meeting]:
    zone = local_zone()
    start = datetime.datetime.combine(date, datetime.time(0), tzinfo=zone)
    return list(
        Meeting.objects.filter(
            event=event,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
        ).only("pk", "starts_at")
    )


def _check_hours(*, event: Event, day: MeetingDay) -> None:
    if day.ends_at <= day.starts_at:
        raise ValidationError({"ends_at": _("The day must end after it starts.")})
    if not day_slots(day=day, slot_minutes=event.slot_minutes):
        raise ValidationError(
            {
                "ends_at": _(
                    "These hours do not hold a single %(minutes)d-minute meeting."
                )
                % {"minutes": event.slot_minutes}
            }
        )
    conference = event.conference
    first = conference.start_date - datetime.timedelta(days=DAYS_AROUND_CONFERENCE)
    last = (conference.end_date or conference.start_date) + datetime.timedelta(
        days=DAYS_AROUND_CONFERENCE
    )
    if not first <= day.date <= last:
        raise ValidationError(
            {
                "date": _(
                    "A meeting day must be within %(days)d days of the "
                    "conference (%(first)s to %(last)s)."
                )
                % {
                    "days": DAYS_AROUND_CONFERENCE,
                    "first": f"{first:%d/%m/%Y}",
                    "last": f"{last:%d/%m/%Y}",
                }
            }
        )


@transaction.atomic
def meeting_day_save(
    *,
    event: Event,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    day: MeetingDay | None = None,
) -> MeetingDay:
    """Add a meeting day, or change one's hours; refused when a meeting
    placed on it would no longer be on a slot."""
    original = day
    day = MeetingDay(event=event) if day is None else day
    day.date, day.starts_at, day.ends_at = date, starts_at, ends_at
    _check_hours(event=event, day=day)
    clash = MeetingDay.objects.filter(event=event, date=date)
    if original is not None:
        clash = clash.exclude(pk=original.pk)
    if clash.exists():
        raise ValidationError({"date": _("This day is already a meeting day.")})
    if original is not None:
        old_date = MeetingDay.objects.get(pk=original.pk).date
        slots = set(day_slots(day=day, slot_minutes=event.slot_minutes))
        stranded = [
            m
            for m in _placed_on(event=event, date=old_date)
            if m.starts_at not in slots
        ]
        if stranded:
            raise ValidationError(
                ngettext(
                    "%(count)d meeting placed on this day would fall outside "
                    "its new hours; move or cancel it first.",
                    "%(count)d meetings placed on this day would fall outside "
                    "its new hours; move or cancel them first.",
                    len(stranded),
                )
                % {"count": len(stranded)}
            )
    day.save()
    return day


@transaction.atomic
def meeting_day_remove(*, day: MeetingDay) -> None:
    """Remove a meeting day that holds no placed meeting."""
    placed = len(_placed_on(event=day.event, date=day.date))
    if placed:
        raise ValidationError(
            ngettext(
                "This day still holds %(count)d meeting; move or cancel it first.",
                "This day still holds %(count)d meetings; move or cancel them first.",
                placed,
            )
            % {"count": placed}
        )
    day.delete()


@transaction.atomic
def event_slot_minutes_set(*, event: Event, minutes: int) -> Event:
    """Change the slot length; refused while meetings are placed (their
    starts would fall off the new grid) or when a day would hold none."""
    if not MIN_SLOT_MINUTES <= minutes <= MAX_SLOT_MINUTES:
        raise ValidationError(
            {
                "slot_minutes": _("A meeting lasts from %(min)d to %(max)d minutes.")
                % {"min": MIN_SLOT_MINUTES, "max": MAX_SLOT_MINUTES}
            }
        )
    if minutes == event.slot_minutes:
        return event
    placed = Meeting.objects.filter(event=event, starts_at__isnull=False).count()
    if placed:
        raise ValidationError(
            {
                "slot_minutes": ngettext(
                    "%(count)d meeting is already placed; cancel it before "
                    "changing the meeting length.",
                    "%(count)d meetings are already placed; cancel them before "
                    "changing the meeting length.",
                    placed,
                )
                % {"count": placed}
            }
        )
    for day in event.days.all():
        if not day_slots(day=day, slot_minutes=minutes):
            raise ValidationError(
                {
                    "slot_minutes": _(
                        "The hours of %(date)s do not hold a single meeting of "
                        "this length."
                    )
                    % {"date": f"{day.date:%d/%m/%Y}"}
                }
            )
    event.slot_minutes = minutes
    event.save(update_fields=["slot_minutes"])
    return event


def _table_name_free(*, event: Event, name: str, table: Table | None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the table a name.")})
    others = Table.objects.filter(event=event, name__iexact=name)
    if table is not None:
        others = others.exclude(pk=table.pk)
    if others.exists():
        raise ValidationError({"name": _("Another table has this name.")})
    return name


@transaction.atomic
def table_add(*, event: Event, name: str) -> Table:
    """Add a table after the others."""
    name = _table_name_free(event=event, name=name, table=None)
    last = event.tables.order_by("-position").values_list("position", flat=True)
    return Table.objects.create(
        event=event, name=name, position=(last.first() or 0) + 1
    )


@transaction.atomic
def table_rename(*, table: Table, name: str) -> Table:
    table.name = _table_name_free(event=table.event, name=name, table=table)
    table.save(update_fields=["name"])
    return table


def tables_add_many(*, event: Event, count: int, prefix: str) -> list[Table]:
    """Add ``count`` tables named "<prefix> N", numbered after the others."""
    existing = set(event.tables.values_list("name", flat=True))
    tables, n = [], 0
    with transaction.atomic():
        while len(tables) < count:
            n += 1
            name = f"{prefix} {n}"
            if name not in existing:
                tables.append(table_add(event=event, name=name))
    return tables


def table_remove(*, table: Table) -> None:
    """Remove a table that holds no meeting (the database protects the
    others)."""
    held = Meeting.objects.filter(table=table).count()
    if held:
        raise ValidationError(_table_held(table, held))
    try:
        with transaction.atomic():
            table.delete()
    except ProtectedError:
        # A meeting was placed at it since the count.
        raise ValidationError(
            _table_held(table, Meeting.objects.filter(table=table).count())
        ) from None


def _table_held(table: Table, count: int) -> str:
    return ngettext(
        "%(table)s still holds %(count)d meeting; move or cancel it before "
        "removing the table.",
        "%(table)s still holds %(count)d meetings; move or cancel them before "
        "removing the table.",
        count,
    ) % {"table": table.name, "count": count}
