"""Bank transfers: staff mark them received, one by one or from a statement.

A statement (CSV or .xlsx, as the bank exports it) is read, matched and
shown to staff first; transfers are recorded only when they confirm.

How an amount is read (VND has no fractions, so nothing is ever guessed):

- a currency sign or word before or after the number is ignored
  (``₫``, ``đ``, ``VND``, ``VNĐ``, ``đồng``), and so is a leading ``+``;
- ``.``, ``,`` or a space followed by exactly three digits groups thousands,
  whichever the separator (``310.000``, ``310,000``, ``310 000``); every
  group after the first has three digits, all with the same separator;
- a last ``.`` or ``,`` followed by one or two digits is a decimal part, which
  must be zero (``310,000.00``, ``310.000,00``, ``310000.00``) and uses the
  other separator than the thousands, if any;
- anything else (``310,5``, ``1.234,5``, ``31,00,000``, ``1.234,567``, a
  negative or zero amount) is refused with a message naming the row.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from marketplace.core.text import fold_vi

from .payment_events import PAID, payment_event_record
from .payment_methods import BANK_TRANSFER

Order = get_model("order", "Order")
Source = get_model("payment", "Source")

#: A statement larger than this is refused (a month of a busy account is far
#: smaller); so is one with more data rows than STATEMENT_MAX_ROWS.
STATEMENT_MAX_BYTES = 5 * 1024 * 1024
STATEMENT_MAX_ROWS = 10_000
#: How many rows are searched for the header (banks put a title block first).
_HEADER_SEARCH_ROWS = 30

#: Header names, folded (no diacritics, lower case, words joined by "_",
#: a unit such as "(VND)" dropped). Credit columns come before a plain
#: amount, so a statement with debit, credit and balance reads the credit.
AMOUNT_COLUMNS = (
    "ghi_co",
    "so_tien_ghi_co",
    "phat_sinh_co",
    "so_tien_co",
    "tien_vao",
    "so_tien_vao",
    "credit",
    "credit_amount",
    "so_tien",
    "so_tien_giao_dich",
    "amount",
    "transaction_amount",
)
DESCRIPTION_COLUMNS = (
    "noi_dung",
    "noi_dung_giao_dich",
    "noi_dung_chuyen_khoan",
    "noi_dung_ck",
    "dien_giai",
    "mo_ta",
    "ghi_chu",
    "description",
    "transaction_description",
    "details",
    "transaction_details",
    "reference",
    "memo",
    "note",
    "narrative",
    "remark",
    "remarks",
)
DATE_COLUMNS = (
    "ngay",
    "ngay_giao_dich",
    "ngay_gd",
    "ngay_hieu_luc",
    "ngay_ghi_so",
    "date",
    "transaction_date",
    "value_date",
    "posting_date",
)
_UNIT_WORDS = {"vnd", "d", "dong"}

# What happens to a statement row, at preview and after confirming.
RECORD = "record"  # preview: will be recorded
RECEIVED = "received"  # confirmed: recorded
ALREADY = "already"
SHORT = "short"
OVER = "over"
UNMATCHED = "unmatched"
SEVERAL = "several"
DUPLICATE = "duplicate"
INVALID = "invalid"
NO_AMOUNT = "no_amount"
CHANGED = "changed"
#: What staff read for each outcome, in the preview and after recording.
OUTCOME_LABELS = {
    RECORD: gettext_lazy("Will be recorded as received"),
    RECEIVED: gettext_lazy("Recorded as received"),
    ALREADY: gettext_lazy("Already received: not recorded again"),
    SHORT: gettext_lazy("Less than the order total: not recorded"),
    OVER: gettext_lazy("More than the order total: not recorded"),
    UNMATCHED: gettext_lazy("No waiting order: not recorded"),
    SEVERAL: gettext_lazy("Several orders: not recorded"),
    DUPLICATE: gettext_lazy("Paid by an earlier row: not recorded"),
    INVALID: gettext_lazy("Amount refused: not recorded"),
    NO_AMOUNT: gettext_lazy("No credit: ignored"),
    CHANGED: gettext_lazy("Changed since the preview: not recorded"),
}


class StatementError(ValueError):
    """The whole statement cannot be read; the message says why."""


class AmountError(ValueError):
    """One amount cannot be read as whole dong; the message says why."""


def bank_transfers_pending():
    """Return bank-transfer sources not yet received in full, oldest first."""
    return (
        Source.objects.filter(
            source_type__name=BANK_TRANSFER.source_type_name,
            amount_debited__lt=F("amount_allocated"),
        )
        .select_related("order")
        .order_by("order__date_placed")
    )


def bank_transfer_mark_received(
    *, order, amount: Decimal | int, reference: str = "", exact: bool = False
) -> bool:
    """Record the transfer for ``order`` as received; False if nothing was.

    Nothing is recorded when the transfer was already received, or, with
    ``exact``, when ``amount`` is not what the order still owes. The source
    is locked, so two requests never record the same transfer twice.
    """
    with transaction.atomic():
        source = (
            Source.objects.select_for_update()
            .filter(order=order, source_type__name=BANK_TRANSFER.source_type_name)
            .first()
        )
        if source is None or source.amount_debited >= source.amount_allocated:
            return False
        if exact and amount != source.amount_allocated - source.amount_debited:
            return False
        source.debit(amount, reference=reference)
        payment_event_record(
            order=order,
            name=PAID,
            amount=amount,
            lines=order.lines.all(),
            reference=reference,
        )
    return True


# --- reading a statement ---------------------------------------------------------

_UNIT = r"(?:vn[dđ]|₫|đồng|dong|đ|d)"
_LEADING_UNIT = re.compile(rf"^{_UNIT}\.?\s*", re.IGNORECASE)
_TRAILING_UNIT = re.compile(rf"\s*{_UNIT}\.?$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,\s]\d+)*")
_MAX_DIGITS = 15


def statement_amount_parse(*, value: Any) -> int | None:
    """Return a statement's amount in whole dong; None for an empty cell.

    The rules are in the module's docstring; an amount they do not allow
    raises :class:`AmountError` rather than being guessed.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise AmountError(_("is not an amount"))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        if not number.is_finite() or number != number.to_integral_value():
            raise AmountError(_("has a fraction of a dong; VND has none"))
        return _positive(int(number))
    text = " ".join(str(value).replace("\u00a0", " ").replace("\u202f", " ").split())
    text = _TRAILING_UNIT.sub("", _LEADING_UNIT.sub("", text)).strip()
    if text.startswith("+"):
        text = text[1:].strip()
    elif text.startswith("-") or text.startswith("("):
        raise AmountError(_("is not a credit (it is negative)"))
    if not _NUMBER.fullmatch(text):
        raise AmountError(_("is not an amount"))
    parts = re.split(r"([.,\s])", text)
    groups, separators = parts[0::2], parts[1::2]
    if separators and separators[-1] in ".," and len(groups[-1]) in (1, 2):
        decimals, decimal_separator = groups.pop(), separators.pop()
        if int(decimals):
            raise AmountError(
                _(
                    "is ambiguous: “%(digits)s” after the last separator would be "
                    "a fraction of a dong, and VND has none"
                )
                % {"digits": decimals}
            )
        if decimal_separator in separators:
            raise AmountError(
                _("uses “%(separator)s” both for thousands and for decimals")
                % {"separator": decimal_separator}
            )
    if separators:
        if len(set(separators)) > 1:
            raise AmountError(_("mixes separators for thousands"))
        if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            raise AmountError(
                _("is ambiguous: a separator must be followed by three digits")
            )
    digits = "".join(groups)
    if len(digits.lstrip("0")) > _MAX_DIGITS:
        raise AmountError(_("is too large"))
    return _positive(int(digits))


def _positive(amount: int) -> int:
    if amount < 0:
        raise AmountError(_("is not a credit (it is negative)"))
    if amount == 0:
        raise AmountError(_("is zero"))
    if amount >= 10**_MAX_DIGITS:
        raise AmountError(_("is too large"))
    return amount


def _header_key(value: Any) -> str:
    words = re.findall(r"[a-z0-9]+", fold_vi(str(value or "")).lower())
    return "_".join(word for word in words if word not in _UNIT_WORDS)


def _column(keys: Sequence[str], names: Sequence[str]) -> int | None:
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


@dataclass(frozen=True)
class StatementRow:
    """One row of a statement as read, before it is matched to an order."""

    row: int  # as numbered in the spreadsheet (the header is a row too)
    amount: int | None
    amount_text: str
    description: str
    date: str = ""
    error: str = ""


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return f"{value:%d/%m/%Y}"
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_tables(content: bytes) -> Iterable[Iterable[Sequence[Any]]]:
    """Yield the CSV read with each likely delimiter, the sniffed one first."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = content.decode("utf-16")
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StatementError(
                _("Save the statement as “CSV UTF-8” or as an Excel .xlsx file.")
            ) from None
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    for delimiter in dict.fromkeys([sniffed, ",", ";", "\t"]):
        yield csv.reader(io.StringIO(text), delimiter=delimiter)


def _rows_from_xlsx(content: bytes) -> Iterable[Sequence[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        return book.worksheets[0].iter_rows(values_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise StatementError(_("This .xlsx file cannot be read.")) from None


def bank_statement_read(*, content: bytes) -> list[StatementRow]:
    """Read a statement (CSV in UTF-8 or UTF-16, or .xlsx) into its rows.

    The header may follow a title block; it needs an amount column and a
    description column, named in Vietnamese or English, with or without
    diacritics (``so_tien``, ``Số tiền``, ``amount``, ``credit``; ``noi_dung``,
    ``Nội dung``, ``description``, ``reference``, ``memo``...). A date column
    is shown when there is one. A row whose amount cannot be read keeps the
    reason in ``error``; the statement as a whole is refused only when it
    cannot be read (:class:`StatementError`).
    """
    if len(content) > STATEMENT_MAX_BYTES:
        raise StatementError(
            _("The statement is larger than %(size)d MB; split it by month.")
            % {"size": STATEMENT_MAX_BYTES // (1024 * 1024)}
        )
    if content.startswith(b"PK\x03\x04"):
        tables = [_rows_from_xlsx(content)]
    else:
        tables = _csv_tables(content)
    for table in tables:
        result = _statement_rows(table)
        if result is not None:
            return result
    raise StatementError(
        _(
            "No header row with an amount column (so_tien, Số tiền, amount, "
            "credit) and a description column (noi_dung, Nội dung, "
            "description, reference, memo) was found."
        )
    )


def _statement_rows(table: Iterable[Sequence[Any]]) -> list[StatementRow] | None:
    """Return the rows under the header; None when no header is found."""
    columns = None
    result: list[StatementRow] = []
    try:
        for number, cells in enumerate(table, start=1):
            cells = list(cells)
            if columns is None:
                if number > _HEADER_SEARCH_ROWS:
                    return None
                keys = [_header_key(cell) for cell in cells]
                amount_at = _column(keys, AMOUNT_COLUMNS)
                note_at = _column(keys, DESCRIPTION_COLUMNS)
                if amount_at is not None and note_at is not None:
                    columns = (amount_at, note_at, _column(keys, DATE_COLUMNS))
                continue
            if not any(_cell_text(cell) for cell in cells):
                continue
            if len(result) >= STATEMENT_MAX_ROWS:
                raise StatementError(
                    _("The statement has more than %(rows)d rows; split it by month.")
                    % {"rows": STATEMENT_MAX_ROWS}
                )
            result.append(_statement_row(number, cells, columns))
    except csv.Error:
        raise StatementError(_("This CSV file cannot be read.")) from None
    return result if columns is not None else None


def _statement_row(number: int, cells: list, columns: tuple) -> StatementRow:
    amount_at, note_at, date_at = columns

    def cell(index: int | None) -> Any:
        return cells[index] if index is not None and index < len(cells) else None

    raw = cell(amount_at)
    amount, error = None, ""
    try:
        amount = statement_amount_parse(value=raw)
    except AmountError as reason:
        error = _("Row %(row)d: the amount “%(amount)s” %(reason)s.") % {
            "row": number,
            "amount": _cell_text(raw),
            "reason": reason,
        }
    return StatementRow(
        row=number,
        amount=amount,
        amount_text=_cell_text(raw),
        description=_cell_text(cell(note_at)),
        date=_cell_text(cell(date_at)),
        error=error,
    )


# --- matching and recording ------------------------------------------------------

_ORDER_NUMBER = re.compile(r"(?<!\d)\d{5,}(?!\d)")


@dataclass(frozen=True)
class StatementMatch:
    """What a statement row means: the order it pays and what happens to it."""

    row: int
    order_number: str | None
    amount: int | None
    outcome: str
    #: What the order still owes, when a waiting order was found.
    expected: int | None = None
    description: str = ""
    date: str = ""
    amount_text: str = ""
    #: Why, in words, when the row is not recorded.
    message: str = ""

    @property
    def matches_total(self) -> bool | None:
        if self.amount is None or self.expected is None:
            return None
        return self.amount == self.expected

    @property
    def recordable(self) -> bool:
        return self.outcome == RECORD

    @property
    def label(self) -> str:
        """Return what happens to the row, in words."""
        return str(OUTCOME_LABELS[self.outcome])


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " ₫"


def bank_statement_match(*, rows: Iterable[StatementRow]) -> list[StatementMatch]:
    """Say, for each row, which waiting order it pays and what would happen.

    Reads only. A row is to be recorded when its description names exactly
    one order waiting for a transfer, no earlier row already pays that order,
    and its amount is exactly what the order owes; every other row says why
    not. Two queries, whatever the number of rows.
    """
    rows = list(rows)
    pending = {source.order.number: source for source in bank_transfers_pending()}
    named = {n for r in rows for n in _ORDER_NUMBER.findall(r.description)}
    received = set(
        Source.objects.filter(
            source_type__name=BANK_TRANSFER.source_type_name,
            order__number__in=named - set(pending),
            amount_debited__gte=F("amount_allocated"),
        ).values_list("order__number", flat=True)
    )
    taken: dict[str, int] = {}
    matches = []
    for row in rows:
        found = list(
            dict.fromkeys(
                n for n in _ORDER_NUMBER.findall(row.description) if n in pending
            )
        )
        base = {
            "row": row.row,
            "amount": row.amount,
            "description": row.description,
            "date": row.date,
            "amount_text": row.amount_text,
        }
        if row.error:
            matches.append(
                StatementMatch(
                    **base,
                    order_number=found[0] if len(found) == 1 else None,
                    outcome=INVALID,
                    message=row.error,
                )
            )
            continue
        if row.amount is None:
            matches.append(
                StatementMatch(
                    **base,
                    order_number=None,
                    outcome=NO_AMOUNT,
                    message=_("No credit on this row."),
                )
            )
            continue
        if len(found) > 1:
            matches.append(
                StatementMatch(
                    **base,
                    order_number=None,
                    outcome=SEVERAL,
                    message=_(
                        "The description names several waiting orders (%(orders)s); "
                        "mark the right one by hand."
                    )
                    % {"orders": ", ".join(found)},
                )
            )
            continue
        if not found:
            paid = next(
                (n for n in _ORDER_NUMBER.findall(row.description) if n in received),
                None,
            )
            matches.append(
                StatementMatch(
                    **base,
                    order_number=paid,
                    outcome=ALREADY if paid else UNMATCHED,
                    message=(
                        _("This order's transfer was already received.")
                        if paid
                        else _("No order waiting for a transfer is named.")
                    ),
                )
            )
            continue
        number = found[0]
        source = pending[number]
        expected = int(source.amount_allocated - source.amount_debited)
        base.update(order_number=number, expected=expected)
        if number in taken:
            matches.append(
                StatementMatch(
                    **base,
                    outcome=DUPLICATE,
                    message=_("Row %(row)d of this statement already pays this order.")
                    % {"row": taken[number]},
                )
            )
        elif row.amount < expected:
            matches.append(
                StatementMatch(
                    **base,
                    outcome=SHORT,
                    message=_(
                        "Less than the %(total)s the order owes; check with the buyer."
                    )
                    % {"total": _money(expected)},
                )
            )
        elif row.amount > expected:
            matches.append(
                StatementMatch(
                    **base,
                    outcome=OVER,
                    message=_(
                        "More than the %(total)s the order owes; check the "
                        "statement, then mark the order received by hand."
                    )
                    % {"total": _money(expected)},
                )
            )
        else:
            taken[number] = row.row
            matches.append(StatementMatch(**base, outcome=RECORD))
    return matches


def bank_statement_record(
    *, planned: Iterable[tuple[int, str, int]], reference: str
) -> list[StatementMatch]:
    """Record the transfers a confirmed preview planned: (row, order, amount).

    Each is recorded only if the order still owes exactly that amount, so a
    confirm sent twice, or a transfer marked by hand meanwhile, records
    nothing a second time.
    """
    planned = list(planned)
    orders = Order.objects.in_bulk(
        [number for _row, number, _amount in planned], field_name="number"
    )
    results = []
    for row, number, amount in planned:
        order = orders.get(number)
        recorded = order is not None and bank_transfer_mark_received(
            order=order,
            amount=amount,
            reference=f"{reference} row {row}"[:128],
            exact=True,
        )
        if recorded:
            results.append(StatementMatch(row, number, amount, RECEIVED))
            continue
        already = Source.objects.filter(
            order__number=number,
            source_type__name=BANK_TRANSFER.source_type_name,
            amount_debited__gte=F("amount_allocated"),
        ).exists()
        results.append(
            StatementMatch(
                row,
                number,
                amount,
                ALREADY if already else CHANGED,
                message=(
                    _("This order's transfer was already received.")
                    if already
                    else _("The order changed since the preview; nothing recorded.")
                ),
            )
        )
    return results
