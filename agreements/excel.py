"""Excel (openpyxl) export of the agreements register, and the import
template. The import itself (reading, checking and writing rows) is the
``imports`` package.
"""

import datetime

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from marketplace.core.exports import XlsxBook

from .imports.columns import IMPORT_COLUMNS
from .models import Agreement, Commitment, Conference
from .selectors.aggregates import (
    dashboard_summary,
    fulfilment_by_cooperative,
    fulfilment_by_product,
)
from .selectors.fulfilment import commitments_with_fulfilment
from .selectors.lists import agreement_list_parties
from .status import status_choices


def import_template() -> bytes:
    """Return the import template: headers, one example row, the kinds."""
    book = XlsxBook()
    sheet = book.sheet(
        "Agreements",
        widths={get_column_letter(i): 22 for i in range(1, len(IMPORT_COLUMNS) + 1)},
    )
    sheet.append([header for _key, header in IMPORT_COLUMNS], bold=True)
    sheet.append(
        [
            "01/2024/BBTT",
            datetime.date(2024, 4, 20),
            "purchase",
            datetime.date(2024, 5, 1),
            datetime.date(2024, 12, 31),
            "htx-dong-banh",
            "0101234567",
            "Na Chi Lăng",
            "kg",
            5000,
            250000000,
            datetime.date(2024, 8, 1),
            datetime.date(2024, 9, 30),
        ]
    )
    kinds = book.sheet("Kinds")
    kinds.append(["code", "kind"])
    for value, label in Agreement.Kind.choices:
        kinds.append([value, str(label)])
    return book.to_bytes()


# --- export ---------------------------------------------------------------------

_EXPORT_HEADERS = [
    "Hội nghị / Conference",
    "Số biên bản / Number",
    "Ngày ký / Signed",
    "Loại / Kind",
    "Hợp tác xã / Cooperatives",
    "Doanh nghiệp / Businesses",
    "Hàng hóa / Goods",
    "Đơn vị / Unit",
    "SL cam kết / Committed qty",
    "SL đã giao / Delivered qty",
    "Giá trị cam kết / Committed (VND)",
    "Giá trị đã giao / Delivered (VND)",
    "Kế hoạch đến nay / Expected (VND)",
    "Tỷ lệ thực hiện / Fulfilment %",
    "Trạng thái / Status",
]


def export_agreements(*, agreements, today: datetime.date) -> bytes:
    """Return the filtered list as a workbook: one row per agreement line,
    then a total row per conference."""
    agreements = list(agreements)
    parties = agreement_list_parties(agreements=agreements)
    statuses = dict(status_choices())
    lines = commitments_with_fulfilment(
        Commitment.objects.filter(
            agreement__in=[a.pk for a in agreements]
        ).select_related("product"),
        today=today,
    ).order_by("agreement_id", "pk")
    by_agreement: dict[int, list] = {}
    for line in lines:
        by_agreement.setdefault(line.agreement_id, []).append(line)
    book = XlsxBook()
    sheet = book.sheet(
        "Agreements",
        widths={get_column_letter(i): 18 for i in range(1, len(_EXPORT_HEADERS) + 1)},
        number_formats={"K": "#,##0", "L": "#,##0", "M": "#,##0"},
    )
    sheet.append(_EXPORT_HEADERS, bold=True)
    totals: dict[str, list[int]] = {}
    for agreement in sorted(
        agreements, key=lambda a: (a.conference.name if a.conference else "", a.number)
    ):
        conf = agreement.conference.name if agreement.conference else "—"
        coops = ", ".join(p.name for p in parties[agreement.pk]["cooperatives"])
        businesses = ", ".join(
            p.business.name for p in parties[agreement.pk]["businesses"]
        )
        for line in by_agreement.get(agreement.pk, []):
            percent = (
                round(100 * line.capped_value / line.value, 1) if line.value else None
            )
            sheet.append(
                [
                    conf,
                    agreement.number,
                    agreement.signed_on,
                    agreement.get_kind_display(),
                    coops,
                    businesses,
                    line.label,
                    line.unit,
                    float(line.quantity),
                    float(line.delivered_quantity),
                    line.value,
                    line.delivered_value,
                    line.expected_value,
                    percent,
                    str(statuses.get(agreement.status, agreement.status)),
                ]
            )
            if not agreement.cancelled:
                total = totals.setdefault(conf, [0, 0, 0, 0])
                total[0] += line.value
                total[1] += line.delivered_value
                total[2] += line.expected_value
                total[3] += line.capped_value
    sheet.append([])
    for conf, (committed, delivered, expected, capped) in totals.items():
        sheet.append(
            [conf, _("Total")]
            + [None] * 8
            + [
                committed,
                delivered,
                expected,
                round(100 * capped / committed, 1) if committed else None,
                None,
            ],
            bold=True,
        )
    return book.to_bytes()


def export_conference_summary(*, conference: Conference, today: datetime.date) -> bytes:
    """Return a conference's summary: figures, by cooperative, by product."""
    summary = dashboard_summary(conference=conference, today=today)
    agreements = Agreement.objects.filter(conference=conference)
    book = XlsxBook()
    sheet = book.sheet("Summary", widths={"A": 40})
    sheet.append([conference.name], bold=True, size=14)
    sheet.append([_("As of"), today])
    statuses = dict(status_choices())
    for label, value in [
        (_("Agreements signed"), summary["agreements_count"]),
        (_("Committed value (VND)"), summary["committed_value"]),
        (_("Delivered value (VND)"), summary["delivered_value"]),
        (_("Fulfilment % by value"), summary["fulfilment_percent"]),
        (_("Agreements behind"), summary["behind_count"]),
        (_("Open difficulties"), summary["open_difficulties"]),
        (_("Overdue difficulties"), summary["overdue_difficulties"]),
        (_("Overdue follow-ups"), summary["overdue_follow_ups"]),
    ]:
        sheet.append([str(label), value])
    sheet.append([])
    for status, count in summary["statuses"].items():
        sheet.append([str(statuses[status]), count])
    coop = book.sheet("By cooperative", widths={"A": 40})
    coop.append(
        ["Hợp tác xã / Cooperative", "Cam kết / Committed", "Đã giao / Delivered", "%"]
    )
    for row in fulfilment_by_cooperative(agreements=agreements, today=today):
        coop.append(
            [row["partner__name"], row["committed"], row["delivered"], row["percent"]]
        )
    product = book.sheet("By product", widths={"A": 40})
    product.append(
        [
            "Hàng hóa / Goods",
            "Đơn vị / Unit",
            "SL cam kết",
            "SL đã giao",
            "Cam kết (VND)",
            "Đã giao (VND)",
            "%",
        ]
    )
    for row in fulfilment_by_product(agreements=agreements, today=today):
        product.append(
            [
                row["label"],
                row["unit"],
                float(row["committed_quantity"]),
                float(row["delivered_quantity"]),
                row["committed"],
                row["delivered"],
                row["percent"],
            ]
        )
    return book.to_bytes()
