"""Spreadsheet (.xlsx) and CSV downloads, written one way for every export.

A spreadsheet reads a text cell that begins with ``=``, ``+``, ``-`` or
``@`` (or a tab, a carriage return...) as a formula: a cooperative named
``=HYPERLINK("http://x","y")`` would become a live link in the alliance's
own workbook (OWASP "CSV Injection"). Every text cell written here is
therefore neutralised by prefixing a single quote, which Excel and
LibreOffice read as "this is text". Real numbers, dates and booleans stay
typed values, so a negative number is still a number; only a *string* such
as ``"-1+1"`` is neutralised.

CSV files start with a UTF-8 byte order mark, without which Excel reads
Vietnamese as mojibake. This module knows no app: the apps pass rows in.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
#: Written first in every CSV so that Excel reads it as UTF-8.
CSV_BOM = "\ufeff"
#: First characters that make a spreadsheet read a cell as a formula: the
#: OWASP list (= + - @ tab carriage return), the line feed and NUL, and
#: the full-width forms some spreadsheets also accept as formula signs.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"

_NUMBER_TYPES = int | float | Decimal


def text_neutralise(text: str) -> str:
    """Return ``text`` so that no spreadsheet reads it as a formula.

    Leading spaces are looked through, because some spreadsheets trim them
    before deciding whether a cell is a formula.
    """
    stripped = text.lstrip(" ")
    if stripped and stripped[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def _local(value: datetime.datetime) -> datetime.datetime:
    # Spreadsheets have no time zones: write the wall-clock time of the site.
    if timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def cell_value(value: Any) -> Any:
    """Return ``value`` as an .xlsx cell holds it: typed, or neutralised text.

    None stays an empty cell; booleans, numbers, dates and times stay typed
    (aware date-times in the site's time zone); anything else becomes text.
    """
    if value is None or isinstance(value, bool | _NUMBER_TYPES):
        return value
    if isinstance(value, datetime.datetime):
        return _local(value)
    if isinstance(value, datetime.date | datetime.time):
        return value
    # Lazy translations and other objects are written as their text.
    text = str(value)
    # openpyxl refuses control characters a worksheet cannot hold.
    return text_neutralise(ILLEGAL_CHARACTERS_RE.sub("", text))


def csv_value(value: Any) -> str:
    """Return ``value`` as a CSV field: numbers as written, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool | _NUMBER_TYPES):
        return str(value)
    if isinstance(value, datetime.datetime):
        return f"{_local(value):%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return text_neutralise(str(value))


class XlsxSheet:
    """One worksheet of an :class:`XlsxBook`; rows are appended in order."""

    def __init__(
        self,
        worksheet,
        *,
        widths: Mapping[str, float] | None = None,
        number_formats: Mapping[str, str] | None = None,
    ) -> None:
        self._sheet = worksheet
        # Column widths must be set before the first row in write-only mode.
        for letter, width in (widths or {}).items():
            worksheet.column_dimensions[letter].width = width
        self._number_formats = dict(number_formats or {})

    def append(
        self, values: Iterable[Any], *, bold: bool = False, size: float | None = None
    ) -> None:
        """Append one row; ``bold``/``size`` style every cell of it."""
        row = []
        for index, value in enumerate(values, start=1):
            cell = WriteOnlyCell(self._sheet, value=cell_value(value))
            if bold or size:
                cell.font = Font(bold=bold, size=size)
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, _NUMBER_TYPES) and not isinstance(
                cell.value, bool
            ):
                number_format = self._number_formats.get(get_column_letter(index))
                if number_format:
                    cell.number_format = number_format
            row.append(cell)
        self._sheet.append(row)


class XlsxBook:
    """A workbook written in openpyxl's write-only mode (rows are streamed).

    Every cell goes through :func:`cell_value`, so no export can forget to
    neutralise a name that looks like a formula.
    """

    def __init__(self) -> None:
        self._book = Workbook(write_only=True)

    def sheet(
        self,
        title: str,
        *,
        widths: Mapping[str, float] | None = None,
        number_formats: Mapping[str, str] | None = None,
    ) -> XlsxSheet:
        """Add a worksheet; ``number_formats`` maps a column letter to the
        format of the numbers in it (e.g. ``{"C": "#,##0"}``)."""
        # A sheet title is at most 31 characters and cannot hold []:*?/\.
        safe_title = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31]
        return XlsxSheet(
            self._book.create_sheet(safe_title),
            widths=widths,
            number_formats=number_formats,
        )

    def to_bytes(self) -> bytes:
        """Return the finished workbook (it can be written once)."""
        buffer = io.BytesIO()
        self._book.save(buffer)
        return buffer.getvalue()


class CsvWriter:
    """A CSV writer that starts with the byte order mark and neutralises text.

    It has the ``writerow``/``writerows`` of :func:`csv.writer`, so code
    written for that (Oscar's report formatters) can be handed one.
    """

    def __init__(self, stream) -> None:
        stream.write(CSV_BOM)
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_value(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_write(stream, rows: Iterable[Iterable[Any]]) -> None:
    """Write the byte order mark, then ``rows`` through :func:`csv_value`."""
    CsvWriter(stream).writerows(rows)


def csv_response(*, filename: str, rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """Return ``rows`` as a CSV download named ``filename``."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    csv_write(response, rows)
    return response


def xlsx_response(*, filename: str, content: bytes) -> HttpResponse:
    """Return a finished workbook as a download named ``filename``."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
