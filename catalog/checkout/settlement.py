"""What each cooperative is owed for paid lines over a period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.core.exports import XlsxBook

from .models import OrderShippingCharge
from .payment_events import PAID, REFUNDED

Line = get_model("order", "Line")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


@dataclass(frozen=True)
class SettlementRow:
    partner_id: int
    partner_name: str
    lines: int
    gross: int
    commission: int
    #: What the cooperative charged to ship those lines (no commission on it).
    shipping: int = 0

    @property
    def net(self) -> int:
        return self.gross + self.shipping - self.commission


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

    A line counts once it has a "Paid" payment event in the period (when
    depends on its payment method's ``paid_when``: card at placing, bank
    transfer when received, cash when delivered) and no "Refunded" event.
    The cooperative ships its own lines, so it is also owed its shipping
    charge on each order where such a line counts.
    The commission (a fraction, e.g. 0.05) is taken on the lines only and
    rounded to the dong. Two queries, whatever the number of cooperatives.
    """
    rate = Decimal(
        commission_rate
        if commission_rate is not None
        else getattr(settings, "HTX_COMMISSION_RATE", "0")
    )
    counted = Line.objects.filter(_paid(PAID, date_from, date_to)).exclude(
        _paid(REFUNDED)
    )
    rows = (
        counted.values("partner_id", "partner_name")
        .annotate(gross=Sum("line_price_incl_tax"), lines=Count("pk"))
        .order_by()
    )
    shipping = dict(
        OrderShippingCharge.objects.filter(
            Exists(
                counted.filter(
                    order_id=OuterRef("order_id"), partner_id=OuterRef("partner_id")
                )
            )
        )
        .values("partner_id")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("partner_id", "total")
    )
    rows = sorted(rows, key=lambda row: row["partner_name"])
    return [
        SettlementRow(
            partner_id=row["partner_id"],
            partner_name=row["partner_name"],
            lines=row["lines"],
            gross=int(row["gross"]),
            shipping=int(shipping.get(row["partner_id"], 0)),
            commission=int(
                (row["gross"] * rate).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
            ),
        )
        for row in rows
    ]


def settlement_totals(*, rows: list[SettlementRow]) -> SettlementRow:
    """Return the sum of the rows, as a row without a cooperative."""
    return SettlementRow(
        partner_id=0,
        partner_name="",
        lines=sum(row.lines for row in rows),
        gross=sum(row.gross for row in rows),
        shipping=sum(row.shipping for row in rows),
        commission=sum(row.commission for row in rows),
    )


def settlement_xlsx(
    *, rows: list[SettlementRow], date_from: datetime.date, date_to: datetime.date
) -> bytes:
    """Return the settlement as an Excel workbook."""
    book = XlsxBook()
    sheet = book.sheet(
        _("Settlement"),
        widths={"A": 40},
        number_formats={column: "#,##0" for column in "CDEF"},
    )
    sheet.append([f"{date_from:%d/%m/%Y} – {date_to:%d/%m/%Y}"])
    sheet.append(
        [
            _("Cooperative"),
            _("Lines"),
            _("Paid (VND)"),
            _("Shipping (VND)"),
            _("Commission (VND)"),
            _("Owed (VND)"),
        ],
        bold=True,
    )
    for row in rows:
        sheet.append(
            [
                row.partner_name,
                row.lines,
                row.gross,
                row.shipping,
                row.commission,
                row.net,
            ]
        )
    total = settlement_totals(rows=rows)
    sheet.append(
        [
            _("Total"),
            total.lines,
            total.gross,
            total.shipping,
            total.commission,
            total.net,
        ],
        bold=True,
    )
    return book.to_bytes()
