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


# A business's tax code (mã số thuế, MST): checked with python-stdnum's
# ``vn.mst``, the one place that knows the check digit. Every form that
# enters a NEW business (self-registration, the staff's "new business" form)
# applies it; rows already in the register and the Excel import are matched
# as stored, since many older codes (the demo's, imported sheets') were typed
# before the rule and do not carry a valid check digit.
TAX_CODE_MESSAGES = {
    "length": gettext_noop(
        "A tax code has 10 digits, or 13 for a branch (0100109106-001)."
    ),
    "digits": gettext_noop(
        "A tax code holds digits only (and a dash before a branch)."
    ),
    "number": gettext_noop("This is not a tax code an enterprise can hold."),
    "checksum": gettext_noop(
        "This tax code's check digit is wrong: check the number on the business "
        "registration certificate."
    ),
}


def tax_code_problem(value: str) -> str | None:
    """Return the English msgid of what is wrong with the tax code ``value``
    (wrong length, not digits, wrong check digit), None when it is valid."""
    from stdnum import exceptions
    from stdnum.vn import mst

    code = mst.compact(value or "")
    if not code.isdigit():
        return TAX_CODE_MESSAGES["digits"]
    try:
        mst.validate(code)
    except exceptions.InvalidLength:
        return TAX_CODE_MESSAGES["length"]
    except exceptions.InvalidChecksum:
        return TAX_CODE_MESSAGES["checksum"]
    except exceptions.ValidationError:
        # A sequence number of zeros (0100000000) or a branch 000.
        return TAX_CODE_MESSAGES["number"]
    return None


def tax_code_canonical(value: str) -> str:
    """Return the form the register stores a valid tax code in: 10 digits,
    or a branch's 13 as "0100109106-001" (stdnum's ``format``, which is how
    existing rows and the Excel import write it)."""
    from stdnum.vn import mst

    return mst.format(value)


def tax_code_variants(value: str) -> list[str]:
    """Return the ways a valid tax code may already be stored (canonical,
    and a branch's 13 digits without the dash), to find it in the register."""
    from stdnum.vn import mst

    return sorted({mst.format(value), mst.compact(value)})


def validate_tax_code(value: str) -> None:
    """Django validator: raise ValidationError (translated) on a tax code
    that is not a valid MST."""
    message = tax_code_problem(value)
    if message is not None:
        raise ValidationError(gettext_lazy(message), code="tax_code")
