"""Bank transfers: staff mark them received, one by one or from a statement."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from oscar.core.loading import get_model

from .payment_events import PAID, payment_event_record
from .payment_methods import BANK_TRANSFER, SOURCE_TYPE_NAMES

Order = get_model("order", "Order")
Source = get_model("payment", "Source")


def bank_transfers_pending():
    """Return bank-transfer sources not yet received in full, oldest first."""
    return (
        Source.objects.filter(
            source_type__name=SOURCE_TYPE_NAMES[BANK_TRANSFER],
            amount_debited__lt=F("amount_allocated"),
        )
        .select_related("order")
        .order_by("order__date_placed")
    )


def bank_transfer_mark_received(*, order, amount: Decimal, reference: str = "") -> bool:
    """Record the transfer for ``order`` as received; False if it already was."""
    with transaction.atomic():
        source = (
            Source.objects.select_for_update()
            .filter(order=order, source_type__name=SOURCE_TYPE_NAMES[BANK_TRANSFER])
            .first()
        )
        if source is None or source.amount_debited >= source.amount_allocated:
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


@dataclass(frozen=True)
class StatementMatch:
    row: int
    order_number: str | None
    amount: Decimal | None
    outcome: str  # "received", "already", "short", "unmatched", "invalid"


def _amount(text: str) -> Decimal | None:
    digits = re.sub(r"[^\d]", "", text or "")
    try:
        return Decimal(digits) if digits else None
    except InvalidOperation:
        return None


def bank_statement_match(*, csv_text: str) -> list[StatementMatch]:
    """Match a bank statement's credits to pending transfers by order number.

    The CSV needs a header with an amount column ("amount", "credit", "số
    tiền" or "ghi có") and a description column ("description", "note",
    "nội dung" or "diễn giải"). A row is received when its description holds
    a pending order's number and the amount covers the order's total.
    """
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    headers = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    amount_col = next(
        (headers[h] for h in ("amount", "credit", "số tiền", "ghi có") if h in headers),
        None,
    )
    note_col = next(
        (
            headers[h]
            for h in ("description", "note", "nội dung", "diễn giải")
            if h in headers
        ),
        None,
    )
    if amount_col is None or note_col is None:
        raise ValueError("The statement needs an amount and a description column.")
    pending = {s.order.number: s for s in bank_transfers_pending()}
    results = []
    for number, row in enumerate(reader, start=2):
        amount = _amount(row.get(amount_col, ""))
        note = row.get(note_col, "") or ""
        found = next((n for n in re.findall(r"\d{5,}", note) if n in pending), None)
        if amount is None:
            results.append(StatementMatch(number, found, None, "invalid"))
        elif found is None:
            results.append(StatementMatch(number, None, amount, "unmatched"))
        elif amount < pending[found].amount_allocated:
            results.append(StatementMatch(number, found, amount, "short"))
        else:
            received = bank_transfer_mark_received(
                order=pending[found].order, amount=amount, reference=f"row {number}"
            )
            results.append(
                StatementMatch(
                    number, found, amount, "received" if received else "already"
                )
            )
    return results
