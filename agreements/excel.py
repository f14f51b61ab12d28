"""Excel (openpyxl) export of the agreements register, and the import
template. The import itself (reading, checking and writing rows) is the
``imports`` package; the export's agreement sheet is in the import's
columns, so that it imports back as it is. Every cell goes through
``marketplace.core.exports``.
"""

import datetime

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from marketplace.core.exports import XlsxBook

from .history import history_sheet_write
from .imports.columns import IMPORT_COLUMNS
from .imports.reference import import_reference
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
    """Return the import template: headers, one example row, the kinds, and
    a reference sheet of the codes and names the import asks for."""
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
    _reference_sheet_write(book=book)
    return book.to_bytes()


def _reference_sheet_write(*, book: XlsxBook) -> None:
    """Add the "Reference" sheet: cooperative codes with their products
    (catalogue products, then goods already in the register), and business
    tax codes, so that staff fill the import without looking things up."""
    reference = import_reference()
    sheet = book.sheet("Reference", widths={"A": 24, "B": 44, "C": 44, "D": 14})
    sheet.append(
        [
            "Mã HTX / Cooperative code",
            "Hợp tác xã / Cooperative",
            "Sản phẩm, hàng hóa / Products and goods",
            "Nguồn / Source",
        ],
        bold=True,
    )
    for cooperative in reference["cooperatives"]:
        names = [(name, "catalogue") for name in cooperative["products"]] + [
            (name, "register") for name in cooperative["goods"]
        ]
        for name, source in names or [("", "")]:
            sheet.append([cooperative["code"], cooperative["name"], name, source])
    sheet.append([])
    sheet.append(
        ["MST doanh nghiệp / Business tax code", "Doanh nghiệp / Business"], bold=True
    )
    for business in reference["businesses"]:
        sheet.append([business["tax_code"], business["name"]])


# --- export ---------------------------------------------------------------------

#: After the import's columns: what the register computes (the import
#: ignores every column after its own).
_EXPORT_EXTRA_HEADERS = [
    "Hội nghị / Conference",
    "Tên loại / Kind name",
    "Hợp tác xã / Cooperatives",
    "Doanh nghiệp / Businesses",
    "SL đã giao / Delivered qty",
    "Giá trị đã giao / Delivered (VND)",
    "Kế hoạch đến nay / Expected (VND)",
    "Tỷ lệ thực hiện / Fulfilment %",
    "Trạng thái / Status",
]
_EXPORT_HEADERS = [header for _key, header in IMPORT_COLUMNS] + _EXPORT_EXTRA_HEADERS
_MONEY = "#,##0"


def _letter(header: str) -> str:
    return get_column_letter(_EXPORT_HEADERS.index(header) + 1)


def export_agreements(*, agreements, today: datetime.date) -> bytes:
    """Return the filtered list as a workbook that imports back as it is.

    The "Agreements" sheet has one row per agreement line in the import's
    columns (``imports.columns.IMPORT_COLUMNS``: codes, not names; every
    business's tax code in each row), then the figures the register
    computes; the totals per conference are on their own sheet, so that
    the first sheet holds nothing but lines.
    """
    agreements = list(agreements)
    parties = agreement_list_parties(agreements=agreements)
    statuses = dict(status_choices())
    lines = commitments_with_fulfilment(
        Commitment.objects.filter(
            agreement__in=[a.pk for a in agreements]
        ).select_related("product", "partner"),
        today=today,
    ).order_by("agreement_id", "pk")
    by_agreement: dict[int, list] = {}
    for line in lines:
        by_agreement.setdefault(line.agreement_id, []).append(line)
    book = XlsxBook()
    value_letter = get_column_letter(
        [key for key, _h in IMPORT_COLUMNS].index("value") + 1
    )
    sheet = book.sheet(
        "Agreements",
        widths={get_column_letter(i): 18 for i in range(1, len(_EXPORT_HEADERS) + 1)},
        number_formats={
            value_letter: _MONEY,
            _letter("Giá trị đã giao / Delivered (VND)"): _MONEY,
            _letter("Kế hoạch đến nay / Expected (VND)"): _MONEY,
        },
    )
    sheet.append(_EXPORT_HEADERS, bold=True)
    totals: dict[str, list[int]] = {}
    for agreement in sorted(
        agreements, key=lambda a: (a.conference.name if a.conference else "", a.number)
    ):
        conf = agreement.conference.name if agreement.conference else "—"
        coops = ", ".join(p.name for p in parties[agreement.pk]["cooperatives"])
        businesses = sorted(parties[agreement.pk]["businesses"], key=lambda p: p.pk)
        tax_codes = "; ".join(p.business.tax_code for p in businesses)
        names = ", ".join(p.business.name for p in businesses)
        for line in by_agreement.get(agreement.pk, []):
            percent = (
                round(100 * line.capped_value / line.value, 1) if line.value else None
            )
            sheet.append(
                [
                    agreement.number,
                    agreement.signed_on,
                    agreement.kind,
                    agreement.valid_from,
                    agreement.valid_until,
                    line.partner.code,
                    tax_codes,
                    line.label,
                    line.unit,
                    line.quantity,
                    line.value,
                    line.period_start,
                    line.period_end,
                    conf,
                    agreement.get_kind_display(),
                    coops,
                    names,
                    float(line.delivered_quantity),
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
    totals_sheet = book.sheet(
        "Totals",
        widths={"A": 40, "B": 18, "C": 18, "D": 18, "E": 12},
        number_formats={"B": _MONEY, "C": _MONEY, "D": _MONEY},
    )
    totals_sheet.append(
        [
            "Hội nghị / Conference",
            "Giá trị cam kết / Committed (VND)",
            "Giá trị đã giao / Delivered (VND)",
            "Kế hoạch đến nay / Expected (VND)",
            "Tỷ lệ thực hiện / Fulfilment %",
        ],
        bold=True,
    )
    for conf, (committed, delivered, expected, capped) in totals.items():
        totals_sheet.append(
            [
                conf,
                committed,
                delivered,
                expected,
                round(100 * capped / committed, 1) if committed else None,
            ]
        )
    history_sheet_write(book=book, agreements=agreements)
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
