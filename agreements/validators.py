"""The register's one rule for a period: it may not end before it starts.

Used by the models' ``clean()`` (and so by the forms and the services) and
by the Excel import, which keeps each error's English msgid so that every
reader sees it in their own language. The message names which period it is.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, gettext_noop

#: The message of each period's end field (English msgids).
PERIOD_MESSAGES = {
    "end_date": gettext_noop("The end date is before the start date."),
    "valid_until": gettext_noop("The validity period ends before it starts."),
    "period_end": gettext_noop("The period ends before it starts."),
}


def period_problem(
    start: datetime.date | None, end: datetime.date | None, *, field: str
) -> str | None:
    """Return the English msgid of the error when the period ``start`` to
    ``end`` ends before it starts, None when it does not (or when a date is
    missing); ``field`` is the end's field name."""
    if start and end and end < start:
        return PERIOD_MESSAGES[field]
    return None


def period_check(
    start: datetime.date | None, end: datetime.date | None, *, field: str
) -> None:
    """Raise ValidationError on ``field`` (translated) when the period ends
    before it starts."""
    message = period_problem(start, end, field=field)
    if message is not None:
        raise ValidationError({field: gettext_lazy(message)})
