"""The first step of the import: reading the sheet."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_noop as N_
from openpyxl import load_workbook

from .columns import IMPORT_COLUMNS


def sheet_open(file) -> tuple[Iterator[tuple], int, Any]:
    """Open the workbook; return its rows, its announced size and the book."""
    # Formulas are read as formulas ("=..."), never as their cached result:
    # the register records what was typed, and a formula is refused.
    book = load_workbook(file, read_only=True, data_only=False)
    sheet = book.worksheets[0]
    return sheet.iter_rows(values_only=True), (sheet.max_row or 0), book


def header_problem(header: tuple | None) -> str | None:
    """Return the English msgid of what is wrong with the header row (None
    when it is the template's)."""
    if header is None:
        return N_("The sheet is empty.")
    headers = [str(h or "").strip() for h in header]
    expected = [h for _k, h in IMPORT_COLUMNS]
    if headers[: len(expected)] != expected:
        return N_("The header row is not the template's; download the template.")
    return None


def sheet_rows(rows: Iterator[tuple]) -> Iterator[tuple[int, tuple]]:
    """Yield (row number, cells) of each row below the header that is not
    empty."""
    row_number = 1
    for row in rows:
        row_number += 1
        if any(cell not in (None, "") for cell in row):
            yield row_number, row
