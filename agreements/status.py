"""The derived status of an agreement (or of one of its lines), declared once.

An agreement's status is never stored (only ``Agreement.cancelled`` is set
by hand): it follows from its figures at a date. ``STATUSES`` declares each
status with its label and the condition that gives it, in order of
precedence; the first condition that holds wins and the last status is the
default. From that one declaration come both the ORM expression
(``status_case``, for the annotated querysets of ``selectors``) and the SQL
text (``status_sql``, for the set-based statements of ``figures``),
so a new status is added here and nowhere else.

The conditions compare named operands, which each side maps to its own
columns: ``draft`` (an agreement opened from a conference meeting, not yet
signed), ``cancelled`` (the hand-set flag), ``committed``, ``capped``
(delivered value, each line capped at its commitment), ``expected``
(expected-to-date value), ``end`` (the last day of validity) and ``today``.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, Q, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Compare:
    """``left <op> right``: operand names, or a whole number on the right."""

    left: str
    op: str
    right: str | int


@dataclass(frozen=True)
class IsTrue:
    """A boolean operand that holds."""

    operand: str


@dataclass(frozen=True)
class AllOf:
    """Every one of the conditions holds."""

    conditions: tuple["Condition", ...]


Condition = Compare | IsTrue | AllOf


@dataclass(frozen=True)
class Status:
    """One derived status: its value, its label and when it applies (None
    for the default, which applies when no other does)."""

    value: str
    label: Promise
    condition: Condition | None


STATUS_DRAFT = "draft"
STATUS_NOT_STARTED = "not_started"
STATUS_ON_TRACK = "on_track"
STATUS_BEHIND = "behind"
STATUS_COMPLETED = "completed"
STATUS_EXPIRED = "expired"
STATUS_CANCELLED = "cancelled"

#: The statuses in order of precedence: the first whose condition holds.
STATUSES: tuple[Status, ...] = (
    Status(STATUS_DRAFT, _("Draft"), IsTrue("draft")),
    Status(STATUS_CANCELLED, _("Cancelled"), IsTrue("cancelled")),
    Status(
        STATUS_COMPLETED,
        _("Completed"),
        AllOf((Compare("committed", ">", 0), Compare("capped", ">=", "committed"))),
    ),
    Status(STATUS_EXPIRED, _("Expired unfulfilled"), Compare("end", "<", "today")),
    Status(STATUS_BEHIND, _("Behind"), Compare("capped", "<", "expected")),
    Status(STATUS_NOT_STARTED, _("Not started"), Compare("capped", "=", 0)),
    Status(STATUS_ON_TRACK, _("On track"), None),
)

#: The order in which the statuses are shown (filters, dashboard, exports).
DISPLAY_ORDER = (
    STATUS_DRAFT,
    STATUS_NOT_STARTED,
    STATUS_ON_TRACK,
    STATUS_BEHIND,
    STATUS_COMPLETED,
    STATUS_EXPIRED,
    STATUS_CANCELLED,
)

#: The statuses that come after "cancelled" and "expired" in precedence: an
#: agreement in one of them is not cancelled and still valid.
LIVE_STATUSES = frozenset(
    status.value
    for status in STATUSES[[s.value for s in STATUSES].index(STATUS_EXPIRED) + 1 :]
)


def status_choices() -> list[tuple[str, Promise]]:
    """Return the derived statuses with their translated labels, in the
    order they are shown."""
    labels = {status.value: status.label for status in STATUSES}
    return [(value, labels[value]) for value in DISPLAY_ORDER]


# --- the ORM side ------------------------------------------------------------

_LOOKUPS = {"<": "lt", "<=": "lte", "=": "exact", ">=": "gte", ">": "gt"}


def _q(condition: Condition, fields: dict[str, str], today: datetime.date) -> Q:
    if isinstance(condition, IsTrue):
        return Q(**{fields[condition.operand]: True})
    if isinstance(condition, AllOf):
        q = Q()
        for part in condition.conditions:
            q &= _q(part, fields, today)
        return q
    right = condition.right
    if right == "today":
        right = today
    elif isinstance(right, str):
        right = F(fields[right])
    return Q(**{f"{fields[condition.left]}__{_LOOKUPS[condition.op]}": right})


def status_case(*, today: datetime.date, fields: dict[str, str]) -> Case:
    """Return the status as a ``Case`` over annotated or model fields;
    ``fields`` maps each operand (but ``today``) to a field name."""
    whens = [
        When(_q(status.condition, fields, today), then=Value(status.value))
        for status in STATUSES
        if status.condition is not None
    ]
    (default,) = [status for status in STATUSES if status.condition is None]
    return Case(*whens, default=Value(default.value))


# --- the SQL side ------------------------------------------------------------


def _sql(condition: Condition, columns: dict[str, str]) -> str:
    if isinstance(condition, IsTrue):
        return columns[condition.operand]
    if isinstance(condition, AllOf):
        return " AND ".join(_sql(part, columns) for part in condition.conditions)
    right = condition.right
    right = columns[right] if isinstance(right, str) else str(int(right))
    return f"{columns[condition.left]} {condition.op} {right}"


def status_sql(*, columns: dict[str, str]) -> str:
    """Return the status as an SQL ``CASE``; ``columns`` maps each operand
    to its SQL text (``today`` to its parameter placeholder)."""
    lines = [
        f"  WHEN {_sql(status.condition, columns)} THEN '{status.value}'"
        for status in STATUSES
        if status.condition is not None
    ]
    (default,) = [status for status in STATUSES if status.condition is None]
    return "\nCASE\n" + "\n".join(lines) + f"\n  ELSE '{default.value}'\nEND\n"
