"""The second step of the import: validating every row into a plan."""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from oscar.core.loading import get_model

from marketplace.core.text import fold_vi

from ..models import Agreement, Business
from ..validators import period_problem
from . import cells
from .cells import CellRefused
from .columns import (
    COLUMN_LABELS,
    DATE_KEYS,
    KEYS,
    LETTERS,
    MODEL_FIELDS,
    TEXT_FIELDS,
    list_split,
)
from .reading import header_problem, sheet_open, sheet_rows

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
logger = logging.getLogger("htx.agreements")

#: A sheet longer than this is refused before anything else is checked.
MAX_ROWS = 50_000
#: Rows shown in the preview.
PREVIEW_ROWS = 20


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
    #: "partners", "businesses", "lines"}; each line has the parsed cells,
    #: its "partner" and the "product_id" its goods name matched (or None).
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


def import_sheet_check(
    *, file, progress: Callable[[int, int], None] | None = None
) -> ImportPlan:
    """Check every row of ``file``; return the plan and its errors.

    Writes nothing. ``progress(done, total)`` is called as rows are read
    (``total`` is the sheet's announced size until the last row).
    """
    plan = ImportPlan()
    try:
        rows, announced, book = sheet_open(file)
        header = next(rows, None)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        plan.errors.append(CellError(1, "", N_("This is not a readable .xlsx file.")))
        return plan
    try:
        if problem := header_problem(header):
            plan.errors.append(CellError(1, "", problem))
            return plan
        _check_rows(plan, sheet_rows(rows), max(announced - 1, 0), progress)
    except Exception:
        # A sheet openpyxl cannot read to the end (a broken or hostile file).
        logger.exception("Import sheet unreadable after row %s", plan.rows + 1)
        plan.errors.append(CellError(plan.rows + 2, "", N_("This row cannot be read.")))
    finally:
        book.close()
    return plan


def goods_key(name: str) -> str:
    """Return a goods or product name as compared: without Vietnamese marks,
    case or repeated spaces ("Na  Chi Lăng" and "na chi lang" are one)."""
    return " ".join(fold_vi(name).casefold().split())


def cooperative_products() -> dict[tuple[int, str], int | None]:
    """Return {(partner id, goods key): product id} of the catalogue
    products each cooperative sells (None where two share a name: no guess)."""
    products: dict[tuple[int, str], int | None] = {}
    rows = (
        Product.objects.filter(stockrecords__partner__isnull=False)
        .exclude(title="")
        .values_list("pk", "title", "stockrecords__partner_id")
        .distinct()
    )
    for pk, title, partner_id in rows:
        key = (partner_id, goods_key(title))
        products[key] = pk if products.get(key, pk) == pk else None
    return products


def _check_rows(plan: ImportPlan, rows, announced: int, progress) -> None:
    partners = {p.code: p for p in Partner.objects.only("pk", "code", "name")}
    businesses = {b.tax_code: b for b in Business.objects.only("pk", "tax_code")}
    existing = set(Agreement.objects.values_list("number", flat=True))
    kinds = {value for value, _label in Agreement.Kind.choices}
    products = cooperative_products()
    step = max(1, announced // 100)
    for row_number, row in rows:
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
        _check_row(
            plan, row_number, row, partners, businesses, existing, kinds, products
        )
        if progress is not None and plan.rows % step == 0:
            progress(plan.rows, max(announced, plan.rows))
    if not plan.rows:
        plan.errors.append(CellError(2, "", N_("The sheet has no rows to import.")))
    if progress is not None:
        progress(plan.rows, plan.rows)


def _check_row(
    plan, row_number, row, partners, businesses, existing, kinds, products
) -> None:
    values = dict(zip(KEYS, list(row) + [None] * len(KEYS), strict=False))
    parsed: dict[str, Any] = {}
    bad: set[str] = set()

    def refuse(key: str, message: str, **params: Any) -> None:
        bad.add(key)
        plan.errors.append(CellError(row_number, key, message, params))

    for key in KEYS:
        try:
            raw = cells.as_plain(values[key])
            if key in TEXT_FIELDS:
                parsed[key] = cells.as_text(raw, key)
                if not parsed[key]:
                    refuse(key, N_("This cell is required."))
            elif key in DATE_KEYS:
                parsed[key] = cells.as_date(raw)
                if parsed[key] is None:
                    refuse(key, N_("Enter a date (dd/mm/yyyy)."))
            elif raw is None or raw == "":
                parsed[key] = None
                refuse(key, N_("This cell is required."))
            elif key == "quantity":
                parsed[key] = cells.as_quantity(raw)
            else:
                parsed[key] = cells.as_value(raw)
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
    tax_codes = list_split(parsed["business_tax_code"] or "")
    for tax_code in tax_codes:
        if tax_code not in businesses:
            refuse(
                "business_tax_code",
                N_("No business has the tax code “%(code)s”; add the business first."),
                code=tax_code,
            )
            break
    if parsed["number"] and parsed["number"] in existing:
        refuse("number", N_("An agreement with this number already exists."))
    for start, end in (("valid_from", "valid_until"), ("period_start", "period_end")):
        if problem := period_problem(parsed[start], parsed[end], field=end):
            refuse(end, problem)
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
    if partner and partner not in head["partners"]:
        head["partners"].append(partner)
    for tax_code in tax_codes:
        business = businesses.get(tax_code)
        if business and business not in head["businesses"]:
            head["businesses"].append(business)
    product_id = (
        products.get((partner.pk, goods_key(parsed["goods"])))
        if partner and parsed["goods"]
        else None
    )
    head["lines"].append({**parsed, "partner": partner, "product_id": product_id})


def _preview_cell(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


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
