"""Excel (openpyxl) import of a conference's agreements.

One row per agreement line; rows sharing an agreement number make one
agreement. The import runs in two steps, both in the background
(``tasks.py``) for an ``ImportJob``:

1. ``import_sheet_check`` reads every row and checks every cell against the
   bounds the models hold (their field validators: quantities, values in
   dong, text lengths) and the register's rules. It writes nothing and
   returns a plan: what would be recorded, and every error by row and column.
2. ``import_plan_write`` writes a plan without errors in one transaction
   (all or nothing), in chunks of bulk inserts, history included.

A row is refused, never clamped: formulas, Excel error values, non-finite or
oversized numbers, negative numbers, too many decimals, dates out of range
and text longer than its field. The errors keep their English msgid and
parameters, so that each reader sees them in their own language.
"""

import datetime
import logging
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_
from openpyxl import load_workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from oscar.core.loading import get_model
from simple_history.utils import bulk_create_with_history

from .models import (
    Agreement,
    AgreementParty,
    Business,
    Commitment,
    FollowUp,
    ImportJob,
)
from .services import FOLLOW_UP_MONTHS

Partner = get_model("partner", "Partner")
logger = logging.getLogger("htx.agreements")

#: (key, header) of the import template, in column order.
IMPORT_COLUMNS = [
    ("number", "Số biên bản / Number"),
    ("signed_on", "Ngày ký / Signing date"),
    ("kind", "Loại / Kind"),
    ("valid_from", "Hiệu lực từ / Valid from"),
    ("valid_until", "Hiệu lực đến / Valid until"),
    ("cooperative_code", "Mã HTX / Cooperative code"),
    ("business_tax_code", "MST doanh nghiệp / Business tax code"),
    ("goods", "Hàng hóa / Goods"),
    ("unit", "Đơn vị / Unit"),
    ("quantity", "Số lượng / Quantity"),
    ("value", "Giá trị (đồng) / Value (VND)"),
    ("period_start", "Từ ngày / Period start"),
    ("period_end", "Đến ngày / Period end"),
]
KEYS = [key for key, _h in IMPORT_COLUMNS]
LETTERS = {key: get_column_letter(i + 1) for i, key in enumerate(KEYS)}

#: The column names shown in errors, in the reader's language.
COLUMN_LABELS = {
    "number": gettext_lazy("Number"),
    "signed_on": gettext_lazy("Signing date"),
    "kind": gettext_lazy("Kind"),
    "valid_from": gettext_lazy("Valid from"),
    "valid_until": gettext_lazy("Valid until"),
    "cooperative_code": gettext_lazy("Cooperative code"),
    "business_tax_code": gettext_lazy("Business tax code"),
    "goods": gettext_lazy("Goods"),
    "unit": gettext_lazy("Unit"),
    "quantity": gettext_lazy("Quantity"),
    "value": gettext_lazy("Value (VND)"),
    "period_start": gettext_lazy("Period start"),
    "period_end": gettext_lazy("Period end"),
}

#: The model field each text column is written to: its max_length applies.
TEXT_FIELDS = {
    "number": (Agreement, "number"),
    "kind": (Agreement, "kind"),
    "cooperative_code": (Partner, "code"),
    "business_tax_code": (Business, "tax_code"),
    "goods": (Commitment, "goods"),
    "unit": (Commitment, "unit"),
}
DATE_KEYS = ("signed_on", "valid_from", "valid_until", "period_start", "period_end")
#: Dates outside these years are typing mistakes (or Excel serials).
DATE_MIN = datetime.date(1990, 1, 1)
DATE_MAX = datetime.date(2099, 12, 31)
#: A sheet longer than this is refused before anything else is checked.
MAX_ROWS = 50_000
#: Rows shown in the preview.
PREVIEW_ROWS = 20
#: Agreements written per bulk insert.
CHUNK = 500


def _max_value(model, name: str):
    """Return the limit of the field's MaxValueValidator: the one bound that
    forms, the admin and the import share."""
    for validator in model._meta.get_field(name).validators:
        if isinstance(validator, MaxValueValidator):
            return validator.limit_value
    raise LookupError(f"{model.__name__}.{name} has no MaxValueValidator")


@dataclass
class CellError:
    """One refused cell (column key "" for the whole row or sheet)."""

    row: int
    key: str
    #: An English msgid, translated where the error is shown.
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "key": self.key,
            "message": self.message,
            "params": self.params,
        }

    def __str__(self) -> str:
        return error_text(self.as_dict())


def error_text(error: dict[str, Any]) -> str:
    """Return a stored error as a sentence in the active language."""
    message = _(error["message"])
    if error.get("params"):
        message = message % error["params"]
    key = error.get("key") or ""
    if not error.get("row"):
        return message
    if key in LETTERS:
        return _("Row %(row)d, column %(column)s (%(label)s): %(message)s") % {
            "row": error["row"],
            "column": LETTERS[key],
            "label": COLUMN_LABELS[key],
            "message": message,
        }
    return _("Row %(row)d: %(message)s") % {"row": error["row"], "message": message}


@dataclass
class ImportPlan:
    """What an import would record, and what stops it."""

    errors: list[CellError] = field(default_factory=list)
    #: number -> {"row", "signed_on", "kind", "valid_from", "valid_until",
    #: "partners", "businesses", "lines"}
    agreements: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows: int = 0
    preview_rows: list[list[Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def lines(self) -> int:
        return sum(len(head["lines"]) for head in self.agreements.values())

    @property
    def parties(self) -> int:
        return sum(
            len(head["partners"]) + len(head["businesses"])
            for head in self.agreements.values()
        )

    def preview(self) -> dict[str, Any]:
        """Return the counts and first rows, as stored on the job."""
        return {
            "rows": self.rows,
            "agreements": len(self.agreements),
            "parties": self.parties,
            "lines": self.lines,
            "first_rows": self.preview_rows,
        }


@dataclass
class ImportResult:
    """The outcome of ``import_agreements`` (check and write in one go)."""

    errors: list[CellError] = field(default_factory=list)
    agreements: int = 0
    commitments: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# --- cells ------------------------------------------------------------------


class CellRefused(Exception):
    """A cell that cannot be read; carries the msgid and its parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


_PLAIN = (str, int, float, Decimal, datetime.date, datetime.time, bool)


def _plain(value: Any) -> Any:
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


def _text(value: Any, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, datetime.date | datetime.time):
        raise CellRefused(N_("Enter text."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    model, name = TEXT_FIELDS[key]
    limit = model._meta.get_field(name).max_length
    if limit and len(text) > limit:
        raise CellRefused(
            N_("At most %(limit)d characters (this cell has %(count)d)."),
            limit=limit,
            count=len(text),
        )
    return text


def _date(value: Any) -> datetime.date | None:
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


def _number(value: Any, *, thousands: bool) -> Decimal:
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


def _quantity(value: Any) -> Decimal:
    number = _number(value, thousands=False)
    if number <= 0:
        raise CellRefused(N_("The quantity must be greater than zero."))
    limit = _max_value(Commitment, "quantity")
    if number > limit:
        raise CellRefused(N_("The quantity must be at most %(max)s."), max=f"{limit:,}")
    places = Commitment._meta.get_field("quantity").decimal_places
    if number != number.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN"):
        raise CellRefused(N_("At most %(places)d decimal places."), places=places)
    return number.quantize(Decimal(1).scaleb(-places))


def _value(value: Any) -> int:
    number = _number(value, thousands=isinstance(value, str))
    if number <= 0:
        raise CellRefused(N_("The value must be greater than zero."))
    limit = _max_value(Commitment, "value")
    if number > limit:
        raise CellRefused(
            N_("The value must be at most %(max)s dong."), max=f"{limit:,}"
        )
    if number != number.to_integral_value():
        raise CellRefused(N_("The value is in whole dong."))
    return int(number)


# --- the sheet --------------------------------------------------------------


def _rows(file) -> tuple[Iterator[tuple], int, Any]:
    """Open the workbook; return its rows, its announced size and the book."""
    # Formulas are read as formulas ("=..."), never as their cached result:
    # the register records what was typed, and a formula is refused.
    book = load_workbook(file, read_only=True, data_only=False)
    sheet = book.worksheets[0]
    return sheet.iter_rows(values_only=True), (sheet.max_row or 0), book


def import_sheet_check(
    *, file, progress: Callable[[int, int], None] | None = None
) -> ImportPlan:
    """Check every row of ``file``; return the plan and its errors.

    Writes nothing. ``progress(done, total)`` is called as rows are read
    (``total`` is the sheet's announced size until the last row).
    """
    plan = ImportPlan()
    try:
        rows, announced, book = _rows(file)
        header = next(rows, None)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        plan.errors.append(CellError(1, "", N_("This is not a readable .xlsx file.")))
        return plan
    try:
        if header is None:
            plan.errors.append(CellError(1, "", N_("The sheet is empty.")))
            return plan
        headers = [str(h or "").strip() for h in header]
        expected = [h for _k, h in IMPORT_COLUMNS]
        if headers[: len(expected)] != expected:
            plan.errors.append(
                CellError(
                    1,
                    "",
                    N_("The header row is not the template's; download the template."),
                )
            )
            return plan
        _check_rows(plan, rows, max(announced - 1, 0), progress)
    except Exception:
        # A sheet openpyxl cannot read to the end (a broken or hostile file).
        logger.exception("Import sheet unreadable after row %s", plan.rows + 1)
        plan.errors.append(CellError(plan.rows + 2, "", N_("This row cannot be read.")))
    finally:
        book.close()
    return plan


def _check_rows(plan: ImportPlan, rows, announced: int, progress) -> None:
    partners = {p.code: p for p in Partner.objects.only("pk", "code", "name")}
    businesses = {b.tax_code: b for b in Business.objects.only("pk", "tax_code")}
    existing = set(Agreement.objects.values_list("number", flat=True))
    kinds = {value for value, _label in Agreement.Kind.choices}
    step = max(1, announced // 100)
    row_number = 1
    for row in rows:
        row_number += 1
        if not any(cell not in (None, "") for cell in row):
            continue
        plan.rows += 1
        if plan.rows > MAX_ROWS:
            plan.errors.append(
                CellError(
                    row_number,
                    "",
                    N_("The sheet has more than %(max)d rows; split it into files."),
                    {"max": MAX_ROWS},
                )
            )
            plan.rows -= 1
            return
        _check_row(plan, row_number, row, partners, businesses, existing, kinds)
        if progress is not None and plan.rows % step == 0:
            progress(plan.rows, max(announced, plan.rows))
    if not plan.rows:
        plan.errors.append(CellError(2, "", N_("The sheet has no rows to import.")))
    if progress is not None:
        progress(plan.rows, plan.rows)


def _check_row(plan, row_number, row, partners, businesses, existing, kinds) -> None:
    values = dict(zip(KEYS, list(row) + [None] * len(KEYS), strict=False))
    parsed: dict[str, Any] = {}
    bad: set[str] = set()

    def refuse(key: str, message: str, **params: Any) -> None:
        bad.add(key)
        plan.errors.append(CellError(row_number, key, message, params))

    for key in KEYS:
        try:
            raw = _plain(values[key])
            if key in TEXT_FIELDS:
                parsed[key] = _text(raw, key)
                if not parsed[key]:
                    refuse(key, N_("This cell is required."))
            elif key in DATE_KEYS:
                parsed[key] = _date(raw)
                if parsed[key] is None:
                    refuse(key, N_("Enter a date (dd/mm/yyyy)."))
            elif raw is None or raw == "":
                parsed[key] = None
                refuse(key, N_("This cell is required."))
            elif key == "quantity":
                parsed[key] = _quantity(raw)
            else:
                parsed[key] = _value(raw)
        except CellRefused as refused:
            parsed[key] = None
            refuse(key, refused.message, **refused.params)

    if parsed["kind"] and parsed["kind"] not in kinds:
        refuse(
            "kind",
            N_("Unknown kind “%(kind)s”; use one of %(kinds)s."),
            kind=parsed["kind"],
            kinds=", ".join(sorted(kinds)),
        )
    if parsed["cooperative_code"] and parsed["cooperative_code"] not in partners:
        refuse(
            "cooperative_code",
            N_("No cooperative has the code “%(code)s”."),
            code=parsed["cooperative_code"],
        )
    tax_code = parsed["business_tax_code"]
    if tax_code and tax_code not in businesses:
        refuse(
            "business_tax_code",
            N_("No business has the tax code “%(code)s”; add the business first."),
            code=tax_code,
        )
    if parsed["number"] and parsed["number"] in existing:
        refuse("number", N_("An agreement with this number already exists."))
    if (
        parsed["valid_from"]
        and parsed["valid_until"]
        and parsed["valid_until"] < parsed["valid_from"]
    ):
        refuse("valid_until", N_("The validity period ends before it starts."))
    if (
        parsed["period_start"]
        and parsed["period_end"]
        and parsed["period_end"] < parsed["period_start"]
    ):
        refuse("period_end", N_("The period ends before it starts."))
    if not bad:
        # Last, the models' own field rules (validators, lengths, choices):
        # whatever a form would refuse, the import refuses too.
        _check_fields(parsed, refuse)

    number = parsed["number"]
    if len(plan.preview_rows) < PREVIEW_ROWS:
        plan.preview_rows.append(
            [row_number]
            + [
                "" if parsed.get(key) is None else _preview_cell(parsed[key])
                for key in KEYS
            ]
        )
    if not number:
        return
    head = plan.agreements.setdefault(
        number,
        {
            "row": row_number,
            "signed_on": parsed["signed_on"],
            "kind": parsed["kind"],
            "valid_from": parsed["valid_from"],
            "valid_until": parsed["valid_until"],
            "lines": [],
            "partners": [],
            "businesses": [],
        },
    )
    if head["row"] != row_number:
        for key in ("signed_on", "kind", "valid_from", "valid_until"):
            if key not in bad and head[key] != parsed[key]:
                refuse(
                    key,
                    N_("Differs from row %(row)d of the same agreement."),
                    row=head["row"],
                )
    partner = partners.get(parsed["cooperative_code"])
    business = businesses.get(parsed["business_tax_code"])
    if partner and partner not in head["partners"]:
        head["partners"].append(partner)
    if business and business not in head["businesses"]:
        head["businesses"].append(business)
    head["lines"].append({**parsed, "partner": partner})


def _preview_cell(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


#: The model field each parsed cell is stored in.
MODEL_FIELDS = {
    "number": (Agreement, "number"),
    "signed_on": (Agreement, "signed_on"),
    "kind": (Agreement, "kind"),
    "valid_from": (Agreement, "valid_from"),
    "valid_until": (Agreement, "valid_until"),
    "goods": (Commitment, "goods"),
    "unit": (Commitment, "unit"),
    "quantity": (Commitment, "quantity"),
    "value": (Commitment, "value"),
    "period_start": (Commitment, "period_start"),
    "period_end": (Commitment, "period_end"),
}


def _check_fields(parsed: dict[str, Any], refuse) -> None:
    """Run each model field's own checks (choices, blank, validators), as
    ``Model.clean_fields`` would, without building an instance per row."""
    for key, (model, name) in MODEL_FIELDS.items():
        model_field = model._meta.get_field(name)
        try:
            model_field.validate(parsed[key], None)
            model_field.run_validators(parsed[key])
        except ValidationError as error:
            # Django's own messages come translated and filled in: keep the
            # English sentence (shown as it is).
            with translation.override("en"):
                messages = [str(message) for message in error.messages]
            for message in messages:
                refuse(key, message)


# --- writing ----------------------------------------------------------------


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def import_plan_write(
    *,
    plan: ImportPlan,
    conference,
    user=None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Write a checked plan, all or nothing; return (agreements, lines).

    Bulk inserts, ``CHUNK`` agreements at a time, in one transaction, with
    their history rows; follow-ups as ``services.follow_ups_schedule``
    creates them (1, 3 and 6 months after signing; imported agreements
    have no schedule yet). ``progress(rows written, rows)`` after each chunk.
    """
    if not plan.ok:
        raise ValueError("A plan with errors is never written.")
    staff = (
        user
        if user is not None and user.has_perm("agreements.change_agreement")
        else None
    )
    history_user = user if user is not None and user.is_authenticated else None
    heads = list(plan.agreements.items())
    written_rows = agreements_count = lines_count = 0
    with transaction.atomic():
        for chunk in _chunks(heads, CHUNK):
            agreements = bulk_create_with_history(
                [
                    Agreement(
                        number=number,
                        conference=conference,
                        signed_on=head["signed_on"],
                        kind=head["kind"],
                        valid_from=head["valid_from"],
                        valid_until=head["valid_until"],
                        staff_in_charge=staff,
                    )
                    for number, head in chunk
                ],
                Agreement,
                default_user=history_user,
            )
            by_number = {a.number: a for a in agreements}
            if any(a.pk is None for a in agreements):
                # Databases that return no ids from a bulk insert.
                by_number = {
                    a.number: a
                    for a in Agreement.objects.filter(number__in=list(by_number))
                }
            parties: list[AgreementParty] = []
            lines: list[Commitment] = []
            follow_ups: list[FollowUp] = []
            for number, head in chunk:
                agreement = by_number[number]
                parties += [
                    AgreementParty(
                        agreement=agreement,
                        partner=p,
                        role=AgreementParty.Role.SUPPLIER,
                    )
                    for p in head["partners"]
                ] + [
                    AgreementParty(
                        agreement=agreement, business=b, role=AgreementParty.Role.BUYER
                    )
                    for b in head["businesses"]
                ]
                lines += [
                    Commitment(
                        agreement=agreement,
                        partner=line["partner"],
                        goods=line["goods"],
                        unit=line["unit"],
                        quantity=line["quantity"],
                        value=line["value"],
                        period_start=line["period_start"],
                        period_end=line["period_end"],
                    )
                    for line in head["lines"]
                ]
                follow_ups += [
                    FollowUp(
                        agreement=agreement,
                        kind=kind,
                        due_on=agreement.signed_on + relativedelta(months=months),
                    )
                    for kind, months in FOLLOW_UP_MONTHS.items()
                ]
                written_rows += len(head["lines"])
            bulk_create_with_history(parties, AgreementParty, default_user=history_user)
            bulk_create_with_history(lines, Commitment, default_user=history_user)
            bulk_create_with_history(follow_ups, FollowUp, default_user=history_user)
            agreements_count += len(chunk)
            lines_count += len(lines)
            if progress is not None:
                progress(written_rows, plan.rows)
    return agreements_count, lines_count


def import_agreements(*, conference, file, user=None, progress=None) -> ImportResult:
    """Check every row of ``file`` and import them all, or nothing.

    The two steps of an ``ImportJob`` in one call (the tests, the shell).
    """
    plan = import_sheet_check(file=file, progress=progress)
    result = ImportResult(errors=plan.errors, rows=plan.rows)
    if plan.ok:
        result.agreements, result.commitments = import_plan_write(
            plan=plan, conference=conference, user=user
        )
    return result


# --- jobs -------------------------------------------------------------------


def import_job_create(*, conference, file, user, file_name: str = "") -> ImportJob:
    """Store an uploaded sheet privately and queue its check."""
    from .tasks import import_job_check

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
    from .tasks import import_job_run

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
