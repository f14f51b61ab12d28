"""The columns of the import template, and the model field each feeds.

The export's agreement sheet (``excel.export_agreements``) starts with the
same columns, so that an exported file imports as it is.
"""

from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter
from oscar.core.loading import get_model

from ..models import Agreement, Business, Commitment

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
KEYS = [key for key, _h in IMPORT_COLUMNS]
LETTERS = {key: get_column_letter(i + 1) for i, key in enumerate(KEYS)}

#: The column names shown in errors, in the reader's language.
COLUMN_LABELS = {
    "number": gettext_lazy("Number"),
    "signed_on": gettext_lazy("Signing date"),
    "kind": gettext_lazy("Kind"),
    "valid_from": gettext_lazy("Valid from"),
    "valid_until": gettext_lazy("Valid until"),
    "cooperative_code": gettext_lazy("Cooperative code"),
    "business_tax_code": gettext_lazy("Business tax code"),
    "goods": gettext_lazy("Goods"),
    "unit": gettext_lazy("Unit"),
    "quantity": gettext_lazy("Quantity"),
    "value": gettext_lazy("Value (VND)"),
    "period_start": gettext_lazy("Period start"),
    "period_end": gettext_lazy("Period end"),
}

#: The model field each text column is written to: its max_length applies.
TEXT_FIELDS = {
    "number": (Agreement, "number"),
    "kind": (Agreement, "kind"),
    "cooperative_code": (Partner, "code"),
    "business_tax_code": (Business, "tax_code"),
    "goods": (Commitment, "goods"),
    "unit": (Commitment, "unit"),
}
DATE_KEYS = ("signed_on", "valid_from", "valid_until", "period_start", "period_end")
#: Columns that may list several values: an agreement with several
#: businesses gives each tax code, separated by ";" (or ",").
LIST_KEYS = frozenset({"business_tax_code"})


def list_split(text: str) -> list[str]:
    """Return the values a list cell gives, in order, without duplicates."""
    items = (item.strip() for item in text.replace(",", ";").split(";"))
    return list(dict.fromkeys(item for item in items if item))


#: The model field each parsed cell is stored in.
MODEL_FIELDS = {
    "number": (Agreement, "number"),
    "signed_on": (Agreement, "signed_on"),
    "kind": (Agreement, "kind"),
    "valid_from": (Agreement, "valid_from"),
    "valid_until": (Agreement, "valid_until"),
    "goods": (Commitment, "goods"),
    "unit": (Commitment, "unit"),
    "quantity": (Commitment, "quantity"),
    "value": (Commitment, "value"),
    "period_start": (Commitment, "period_start"),
    "period_end": (Commitment, "period_end"),
}
