"""What each cooperative is owed for paid lines over a period."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Sum
from oscar.core.loading import get_model

Line = get_model("order", "Line")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


@dataclass(frozen=True)
class SettlementRow:
    partner_id: int
    partner_name: str
    lines: int
    gross: int
    commission: int

    @property
    def net(self) -> int:
        return self.gross - self.commission


def _paid(name: str, date_from=None, date_to=None):
    events = PaymentEventQuantity.objects.filter(
        line=OuterRef("pk"), event__event_type__name=name
    )
    if date_from is not None:
        events = events.filter(event__date_created__date__gte=date_from)
    if date_to is not None:
        events = events.filter(event__date_created__date__lte=date_to)
    return Exists(events)


def settlement_rows(
    *,
    date_from: datetime.date,
    date_to: datetime.date,
    commission_rate: Decimal | None = None,
) -> list[SettlementRow]:
    """Return one row per cooperative: its lines paid in the period, not refunded.

    A line counts once it has a "Paid" payment event in the period (card at
    placing, bank transfer when received, cash when marked paid on delivery)
    and no "Refunded" event. The commission (a fraction, e.g. 0.05) is
    rounded to the dong.
    """
    rate = Decimal(
        commission_rate
        if commission_rate is not None
        else getattr(settings, "HTX_COMMISSION_RATE", "0")
    )
    rows = (
        Line.objects.filter(_paid("Paid", date_from, date_to))
        .exclude(_paid("Refunded"))
        .values("partner_id", "partner_name")
        .annotate(gross=Sum("line_price_incl_tax"), lines=Count("pk"))
        .order_by()
    )
    rows = sorted(rows, key=lambda row: row["partner_name"])
    return [
        SettlementRow(
            partner_id=row["partner_id"],
            partner_name=row["partner_name"],
            lines=row["lines"],
            gross=int(row["gross"]),
            commission=int(
                (row["gross"] * rate).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
            ),
        )
        for row in rows
    ]


def settlement_xlsx(
    *, rows: list[SettlementRow], date_from: datetime.date, date_to: datetime.date
) -> bytes:
    """Return the settlement as an Excel workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Settlement"
    sheet.append([f"{date_from:%d/%m/%Y} – {date_to:%d/%m/%Y}"])
    sheet.append(["Cooperative", "Lines", "Paid (VND)", "Commission (VND)", "Owed"])
    for row in rows:
        sheet.append([row.partner_name, row.lines, row.gross, row.commission, row.net])
    for column in "CDE":
        for cell in sheet[column][2:]:
            cell.number_format = "#,##0"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
