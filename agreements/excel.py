"""Excel (openpyxl) import and export of the agreements register.

Import: one row per agreement line; rows sharing an agreement number make
one agreement. Every row is checked; nothing is written unless every row is
valid, and each error names its row and column.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from oscar.core.loading import get_model

from .models import Agreement, AgreementParty, Business, Commitment, Conference
from .selectors import (
    agreement_list_parties,
    commitments_with_fulfilment,
    dashboard_summary,
    fulfilment_by_cooperative,
    fulfilment_by_product,
    status_choices,
)
from .services import follow_ups_schedule

Partner = get_model("partner", "Partner")

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
REQUIRED = {key for key, _h in IMPORT_COLUMNS}


@dataclass
class ImportError_:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    errors: list[ImportError_] = field(default_factory=list)
    agreements: int = 0
    commitments: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def import_template() -> bytes:
    """Return the import template: headers, one example row, the kinds."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Agreements"
    sheet.append([header for _key, header in IMPORT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
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
    for index in range(1, len(IMPORT_COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    kinds = book.create_sheet("Kinds")
    kinds.append(["code", "kind"])
    for value, label in Agreement.Kind.choices:
        kinds.append([value, str(label)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value.strip():
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_agreements(
    *, conference: Conference, file, user=None, progress=None
) -> ImportResult:
    """Validate every row of ``file`` and import them all, or nothing.

    ``progress(done, total)`` is called while rows are checked.
    """
    result = ImportResult()
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        result.errors.append(
            ImportError_(1, "A", _("This is not a readable .xlsx file."))
        )
        return result
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        result.errors.append(ImportError_(1, "A", _("The sheet is empty.")))
        return result
    headers = [str(h or "").strip() for h in rows[0]]
    expected = [h for _k, h in IMPORT_COLUMNS]
    if headers[: len(expected)] != expected:
        result.errors.append(
            ImportError_(
                1,
                "A",
                _("The header row is not the template's; download the template."),
            )
        )
        return result
    data_rows = [
        (index, row)
        for index, row in enumerate(rows[1:], start=2)
        if any(cell not in (None, "") for cell in row)
    ]
    result.rows = len(data_rows)
    partners = {p.code: p for p in Partner.objects.all()}
    businesses = {b.tax_code: b for b in Business.objects.all()}
    existing_numbers = set(Agreement.objects.values_list("number", flat=True))
    kinds = {value for value, _label in Agreement.Kind.choices}
    col = {key: get_column_letter(i + 1) for i, (key, _h) in enumerate(IMPORT_COLUMNS)}
    agreements: dict[str, dict[str, Any]] = {}

    def error(row: int, key: str, message: str) -> None:
        result.errors.append(
            ImportError_(row, f"{col[key]} ({dict(IMPORT_COLUMNS)[key]})", message)
        )

    for done, (row_number, row) in enumerate(data_rows, start=1):
        values = dict(
            zip([k for k, _h in IMPORT_COLUMNS], list(row) + [None] * 20, strict=False)
        )
        parsed: dict[str, Any] = {}
        for key in (
            "number",
            "kind",
            "cooperative_code",
            "business_tax_code",
            "goods",
            "unit",
        ):
            parsed[key] = _text(values[key])
            if not parsed[key]:
                error(row_number, key, _("This cell is required."))
        for key in (
            "signed_on",
            "valid_from",
            "valid_until",
            "period_start",
            "period_end",
        ):
            parsed[key] = _date(values[key])
            if parsed[key] is None:
                error(row_number, key, _("Enter a date (dd/mm/yyyy)."))
        try:
            parsed["quantity"] = Decimal(str(values["quantity"]).replace(",", "."))
            if not parsed["quantity"].is_finite() or parsed["quantity"] <= 0:
                error(
                    row_number, "quantity", _("The quantity must be greater than zero.")
                )
        except (InvalidOperation, ValueError):
            error(row_number, "quantity", _("Enter a number."))
        try:
            value = Decimal(str(values["value"]).replace(".", "").replace(",", ""))
            parsed["value"] = int(value)
            if value != parsed["value"]:
                error(row_number, "value", _("The value is in whole dong."))
            elif parsed["value"] <= 0:
                error(row_number, "value", _("The value must be greater than zero."))
        except (InvalidOperation, ValueError):
            error(row_number, "value", _("Enter a number."))
        if parsed["kind"] and parsed["kind"] not in kinds:
            error(
                row_number,
                "kind",
                _("Unknown kind “%(kind)s”; use one of %(kinds)s.")
                % {"kind": parsed["kind"], "kinds": ", ".join(sorted(kinds))},
            )
        if parsed["cooperative_code"] and parsed["cooperative_code"] not in partners:
            error(
                row_number,
                "cooperative_code",
                _("No cooperative has the code “%(code)s”.")
                % {"code": parsed["cooperative_code"]},
            )
        if (
            parsed["business_tax_code"]
            and parsed["business_tax_code"] not in businesses
        ):
            error(
                row_number,
                "business_tax_code",
                _("No business has the tax code “%(code)s”; add the business first.")
                % {"code": parsed["business_tax_code"]},
            )
        if parsed["number"] in existing_numbers:
            error(
                row_number, "number", _("An agreement with this number already exists.")
            )
        if (
            parsed["valid_from"]
            and parsed["valid_until"]
            and parsed["valid_until"] < parsed["valid_from"]
        ):
            error(
                row_number,
                "valid_until",
                _("The validity period ends before it starts."),
            )
        if (
            parsed["period_start"]
            and parsed["period_end"]
            and parsed["period_end"] < parsed["period_start"]
        ):
            error(row_number, "period_end", _("The period ends before it starts."))
        number = parsed["number"]
        if number:
            head = agreements.setdefault(
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
            for key in ("signed_on", "kind", "valid_from", "valid_until"):
                if head[key] != parsed[key]:
                    error(
                        row_number,
                        key,
                        _("Differs from row %(row)d of the same agreement.")
                        % {"row": head["row"]},
                    )
            partner = partners.get(parsed["cooperative_code"])
            business = businesses.get(parsed["business_tax_code"])
            if partner and partner not in head["partners"]:
                head["partners"].append(partner)
            if business and business not in head["businesses"]:
                head["businesses"].append(business)
            head["lines"].append({**parsed, "partner": partner})
        if progress is not None:
            progress(done, len(data_rows))
    if not data_rows:
        result.errors.append(
            ImportError_(2, "A", _("The sheet has no rows to import."))
        )
    if result.errors:
        return result
    with transaction.atomic():
        for number, head in agreements.items():
            agreement = Agreement.objects.create(
                number=number,
                conference=conference,
                signed_on=head["signed_on"],
                kind=head["kind"],
                valid_from=head["valid_from"],
                valid_until=head["valid_until"],
                staff_in_charge=user if user and user.is_staff else None,
            )
            AgreementParty.objects.bulk_create(
                [
                    AgreementParty(
                        agreement=agreement,
                        partner=p,
                        role=AgreementParty.Role.SUPPLIER,
                    )
                    for p in head["partners"]
                ]
                + [
                    AgreementParty(
                        agreement=agreement, business=b, role=AgreementParty.Role.BUYER
                    )
                    for b in head["businesses"]
                ]
            )
            for line in head["lines"]:
                Commitment.objects.create(
                    agreement=agreement,
                    partner=line["partner"],
                    goods=line["goods"],
                    unit=line["unit"],
                    quantity=line["quantity"],
                    value=line["value"],
                    period_start=line["period_start"],
                    period_end=line["period_end"],
                )
                result.commitments += 1
            follow_ups_schedule(agreement=agreement)
            result.agreements += 1
    return result


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
    book = Workbook()
    sheet = book.active
    sheet.title = "Agreements"
    sheet.append(_EXPORT_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
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
        sheet.cell(row=sheet.max_row, column=3).number_format = "DD/MM/YYYY"
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
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for index in range(1, len(_EXPORT_HEADERS) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    for row in sheet.iter_rows(min_row=2, min_col=11, max_col=13):
        for cell in row:
            cell.number_format = "#,##0"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_conference_summary(*, conference: Conference, today: datetime.date) -> bytes:
    """Return a conference's summary: figures, by cooperative, by product."""
    summary = dashboard_summary(conference=conference, today=today)
    agreements = Agreement.objects.filter(conference=conference)
    book = Workbook()
    sheet = book.active
    sheet.title = "Summary"
    sheet.append([conference.name])
    sheet["A1"].font = Font(bold=True, size=14)
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
    coop = book.create_sheet("By cooperative")
    coop.append(
        ["Hợp tác xã / Cooperative", "Cam kết / Committed", "Đã giao / Delivered", "%"]
    )
    for row in fulfilment_by_cooperative(agreements=agreements, today=today):
        coop.append(
            [row["partner__name"], row["committed"], row["delivered"], row["percent"]]
        )
    product = book.create_sheet("By product")
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
    for ws in book.worksheets:
        ws.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
