"""Reading one cell of the sheet: a typed value, or ``CellRefused`` with
the English msgid of the reason and its parameters."""

import datetime
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_noop as N_
from openpyxl.cell.cell import ERROR_CODES

from marketplace.core.exports import FORMULA_TRIGGERS

from ..models import Commitment
from .columns import LIST_KEYS, TEXT_FIELDS, list_split

#: Dates outside these years are typing mistakes (or Excel serials).
DATE_MIN = datetime.date(1990, 1, 1)
DATE_MAX = datetime.date(2099, 12, 31)


def max_value(model, name: str):
    """Return the limit of the field's MaxValueValidator: the one bound that
    forms, the admin and the import share."""
    for validator in model._meta.get_field(name).validators:
        if isinstance(validator, MaxValueValidator):
            return validator.limit_value
    raise LookupError(f"{model.__name__}.{name} has no MaxValueValidator")


class CellRefused(Exception):
    """A cell that cannot be read; carries the msgid and its parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


_PLAIN = (str, int, float, Decimal, datetime.date, datetime.time, bool)


def as_plain(value: Any) -> Any:
    """Refuse what is not a typed value: formulas, Excel errors, objects."""
    if value is None:
        return None
    if not isinstance(value, _PLAIN):
        # ArrayFormula, DataTableFormula and the like.
        raise CellRefused(N_("A formula is not accepted; enter the value itself."))
    if isinstance(value, str):
        if value.startswith("="):
            raise CellRefused(N_("A formula is not accepted; enter the value itself."))
        if value.strip() in ERROR_CODES:
            raise CellRefused(
                N_("This cell holds an Excel error (%(error)s)."), error=value.strip()
            )
    return value


def text_restore(text: str) -> str:
    """Undo the export's guard against formulas (``marketplace.core.exports``
    writes "'=..." for a text "=..."), so that an exported sheet imports as
    the register holds it."""
    if text.startswith("'") and text[1:].lstrip(" ")[:1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def as_text(value: Any, key: str) -> str:
    """Return a text cell, within its field's length; a list column (several
    tax codes) within the length of each item, normalised to "a; b"."""
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, datetime.date | datetime.time):
        raise CellRefused(N_("Enter text."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = text_restore(str(value).strip()).strip()
    model, name = TEXT_FIELDS[key]
    limit = model._meta.get_field(name).max_length
    items = list_split(text) if key in LIST_KEYS else [text]
    for item in items:
        if limit and len(item) > limit:
            raise CellRefused(
                N_("At most %(limit)d characters (this cell has %(count)d)."),
                limit=limit,
                count=len(item),
            )
    return "; ".join(items) if key in LIST_KEYS else text


def as_date(value: Any) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day = None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    elif isinstance(value, str):
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                day = datetime.datetime.strptime(value.strip(), fmt).date()
                break
            except ValueError:
                continue
    if day is None:
        raise CellRefused(N_("Enter a date (dd/mm/yyyy)."))
    if not DATE_MIN <= day <= DATE_MAX:
        raise CellRefused(
            N_("Enter a date between %(min)s and %(max)s."),
            min=DATE_MIN.strftime("%d/%m/%Y"),
            max=DATE_MAX.strftime("%d/%m/%Y"),
        )
    return day


def as_number(value: Any, *, thousands: bool) -> Decimal:
    """Return a cell as a finite Decimal (strings may use "," for decimals,
    or, for whole dong, "." and "," between thousands)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise CellRefused(N_("Enter a number."))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellRefused(N_("Enter a finite number."))
        # repr gives the shortest decimal that reads back as this float.
        value = repr(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "").replace("\u00a0", "")
        text = text.replace(".", "").replace(",", "") if thousands else text
        value = text.replace(",", ".")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError) as error:
        raise CellRefused(N_("Enter a number.")) from error
    if not number.is_finite():
        raise CellRefused(N_("Enter a finite number."))
    return number


def as_quantity(value: Any) -> Decimal:
    number = as_number(value, thousands=False)
    if number <= 0:
        raise CellRefused(N_("The quantity must be greater than zero."))
    limit = max_value(Commitment, "quantity")
    if number > limit:
        raise CellRefused(N_("The quantity must be at most %(max)s."), max=f"{limit:,}")
    places = Commitment._meta.get_field("quantity").decimal_places
    if number != number.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN"):
        raise CellRefused(N_("At most %(places)d decimal places."), places=places)
    return number.quantize(Decimal(1).scaleb(-places))


def as_value(value: Any) -> int:
    number = as_number(value, thousands=isinstance(value, str))
    if number <= 0:
        raise CellRefused(N_("The value must be greater than zero."))
    limit = max_value(Commitment, "value")
    if number > limit:
        raise CellRefused(
            N_("The value must be at most %(max)s dong."), max=f"{limit:,}"
        )
    if number != number.to_integral_value():
        raise CellRefused(N_("The value is in whole dong."))
    return int(number)
