"""Who changed what in an agreement: its change history, read from
django-simple-history's rows of the agreement, its lines (commitments), its
delivery reports and its difficulties, and written as a sheet of the export.

Each row says when (an aware date-time, shown in local time), who (the
``history_user`` by full name), what (the agreement, a line "Na Chi Lăng", a
report, a difficulty), the kind (``history_type``: created, changed,
deleted) and every field's old and new value under the field's
``verbose_name``, shown as a person reads it: a choice by its label, a
foreign key by its name, money in ₫, dates d/m/Y. A change is each
historical row ``diff_against`` the one before it (``prev_record``'s
order); the rows are paired in memory rather than through ``prev_record``,
which asks the database once per row, so a history costs the same few
queries however long it is. Saves that changed no field (the agreement's
form saves every line) are left out.
"""

import datetime
import os
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypedDict

from django.contrib.auth import get_user_model
from django.db import models
from django.template.defaultfilters import floatformat, yesno
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl.utils import get_column_letter
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from marketplace.core.exports import XlsxBook

from .models import Agreement, Commitment, Conference, DeliveryReport, Difficulty
from .selectors.people import person_name

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

#: The register's models whose changes the history shows.
HISTORY_MODELS = (Agreement, Commitment, DeliveryReport, Difficulty)
#: Fields never shown: the row's own key and its parent, which ``what`` names.
HIDDEN_FIELDS = {"id", "agreement"}
#: Whole-dong columns, shown in ₫.
MONEY_FIELDS = {(Commitment, "value"), (DeliveryReport, "value")}
#: Labels of the fields that have no verbose_name of their own (the models
#: cannot gain one without a migration).
FIELD_LABELS = {
    "commitment": gettext_lazy("commitment"),
    "reported_by": gettext_lazy("reported by"),
    "verified_by": gettext_lazy("verified by"),
    "verified_at": gettext_lazy("verified at"),
    "raised_by": gettext_lazy("raised by"),
}
#: The key of ``_names``'s map from a line to its agreement.
_LINE_AGREEMENT = "line-agreement"
KIND_NAMES = {"+": "created", "~": "changed", "-": "deleted"}
KIND_LABELS = {
    "created": pgettext_lazy("change history", "Created"),
    "changed": pgettext_lazy("change history", "Changed"),
    "deleted": pgettext_lazy("change history", "Deleted"),
}


class HistoryRow(TypedDict):
    """One change of an agreement or of one of its parts."""

    agreement: str
    when: datetime.datetime
    who: str
    what: str
    kind: str
    kind_label: str
    changes: list[tuple[str, str, str]]


def agreement_history(*, agreement: Agreement, limit: int | None = 50) -> list:
    """Return the changes of an agreement and of its lines, reports and
    difficulties, newest first (at most ``limit``), in a fixed number of
    queries (module docstring)."""
    return agreements_history(agreement_ids=[agreement.pk], limit=limit)


def agreements_history(
    *, agreement_ids: Iterable[int], limit: int | None = None
) -> list[HistoryRow]:
    """Return the changes of several agreements, newest first."""
    ids = list(agreement_ids)
    records = _records(agreement_ids=ids)
    names = _names(records=records)
    rows: list[HistoryRow] = []
    for model, model_records in records.items():
        by_object: dict[int, list] = defaultdict(list)
        for record in model_records:
            by_object[record.id].append(record)
        for history in by_object.values():
            previous = None
            for record in history:
                row = _row(model=model, record=record, previous=previous, names=names)
                previous = record
                if row is not None:
                    rows.append(row)
    rows.sort(key=lambda row: row["when"], reverse=True)
    return rows[:limit] if limit is not None else rows


def history_sheet_write(*, book: XlsxBook, agreements: Iterable[Agreement]) -> None:
    """Add the "Lịch sử thay đổi" sheet to an export: one row per field
    changed (one row for a change without fields), newest first."""
    headers = [
        "Số biên bản / Number",
        "Thời gian / When",
        "Người thay đổi / Who",
        "Nội dung / What",
        "Thao tác / Action",
        "Trường / Field",
        "Giá trị cũ / Old value",
        "Giá trị mới / New value",
    ]
    sheet = book.sheet(
        "Lịch sử thay đổi",
        widths={get_column_letter(i): 22 for i in range(1, len(headers) + 1)},
    )
    sheet.append(headers, bold=True)
    history = agreements_history(agreement_ids=[a.pk for a in agreements])
    for row in history:
        head = [row["agreement"], row["when"], row["who"], row["what"]]
        for label, old, new in row["changes"] or [("", "", "")]:
            sheet.append([*head, row["kind_label"], label, old, new])


#: Agreements read per query (SQLite caps a query's parameters).
RECORDS_CHUNK = 2000


def _records(*, agreement_ids: list[int]) -> dict[type[models.Model], list]:
    """Return every historical row of the agreements and of their parts,
    oldest first per model (one query per model, per ``RECORDS_CHUNK``
    agreements)."""
    records: dict[type[models.Model], list] = {model: [] for model in HISTORY_MODELS}
    for start in range(0, len(agreement_ids), RECORDS_CHUNK):
        ids = agreement_ids[start : start + RECORDS_CHUNK]
        line_ids = Commitment.history.filter(agreement_id__in=ids).values("id")
        querysets = {
            Agreement: Agreement.history.filter(id__in=ids),
            Commitment: Commitment.history.filter(agreement_id__in=ids),
            DeliveryReport: DeliveryReport.history.filter(commitment_id__in=line_ids),
            Difficulty: Difficulty.history.filter(agreement_id__in=ids),
        }
        for model, queryset in querysets.items():
            records[model] += queryset.select_related("history_user").order_by(
                "history_date", "history_id"
            )
    return records


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and field.name not in HIDDEN_FIELDS
    ]


def _names(*, records: dict) -> dict[type[models.Model], dict[Any, str]]:
    """Return the names of every row the records refer to, by model and
    key: one query per model referred to."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for model, model_records in records.items():
        for field in _fields(model):
            if field.is_relation:
                for record in model_records:
                    value = getattr(record, field.attname)
                    if value is not None:
                        wanted[field.related_model].add(value)
    names: dict[type[models.Model], dict[Any, str]] = {}
    User = get_user_model()
    if wanted[User]:
        names[User] = {
            user.pk: person_name(user=user)
            for user in User.objects.filter(pk__in=wanted[User])
        }
    if wanted[Conference]:
        names[Conference] = dict(
            Conference.objects.filter(pk__in=wanted[Conference]).values_list(
                "pk", "name"
            )
        )
    if wanted[Partner]:
        names[Partner] = {
            partner.pk: _partner_name(partner)
            for partner in Partner.objects.filter(
                pk__in=wanted[Partner]
            ).select_related("cooperative")
        }
    products = wanted[Product] | {
        record.product_id
        for record in records[Commitment]
        if record.product_id is not None
    }
    names[Product] = dict(
        Product.objects.filter(pk__in=products).values_list("pk", "title")
        if products
        else []
    )
    # A report's line, by its latest label (it may since have been deleted),
    # and each line's and agreement's latest number.
    names[Commitment] = {
        record.id: _line_label(record, names) for record in records[Commitment]
    }
    names[_LINE_AGREEMENT] = {
        record.id: record.agreement_id for record in records[Commitment]
    }
    names[Agreement] = {record.id: record.number for record in records[Agreement]}
    return names


def _partner_name(partner) -> str:
    cooperative = getattr(partner, "cooperative", None)
    return cooperative.name if cooperative else partner.name


def _line_label(record, names) -> str:
    return record.goods or names[Product].get(record.product_id, "")


def _what(model, record, names) -> str:
    if model is Agreement:
        return _("agreement %(number)s") % {"number": record.number}
    if model is Commitment:
        return _("line “%(label)s”") % {"label": _line_label(record, names)}
    if model is DeliveryReport:
        return _("delivery report of %(date)s on “%(label)s”") % {
            "date": date_format(record.delivered_on, "d/m/Y"),
            "label": names[Commitment].get(record.commitment_id, ""),
        }
    return _("difficulty “%(kind)s”") % {
        "kind": dict(Difficulty.Kind.choices).get(record.kind, record.kind)
    }


def _row(*, model, record, previous, names) -> HistoryRow | None:
    kind = KIND_NAMES[record.history_type]
    fields = _fields(model)
    if kind == "changed" and previous is not None:
        delta = record.diff_against(
            previous, included_fields=[field.name for field in fields]
        )
        changed = set(delta.changed_fields)
        if not changed:
            return None
        by_name = {change.field: change for change in delta.changes}
        changes = [
            (
                _label(field),
                _display(model, field, by_name[field.name].old, names),
                _display(model, field, by_name[field.name].new, names),
            )
            for field in fields
            if field.name in changed
        ]
    else:
        # Created (or changed with no earlier row): the values it got;
        # deleted: the values it had.
        changes = []
        for field in fields:
            shown = _display(model, field, _value(record, field), names)
            if shown == "—":
                continue
            changes.append(
                (_label(field), shown, "")
                if kind == "deleted"
                else (_label(field), "", shown)
            )
    return {
        "agreement": _agreement_number(model, record, names),
        "when": record.history_date,
        "who": person_name(user=record.history_user) or "—",
        "what": _what(model, record, names),
        "kind": kind,
        "kind_label": str(KIND_LABELS[kind]),
        "changes": changes,
    }


def _agreement_number(model, record, names) -> str:
    if model is Agreement:
        agreement_id = record.id
    elif model is DeliveryReport:
        agreement_id = names[_LINE_AGREEMENT].get(record.commitment_id)
    else:
        agreement_id = record.agreement_id
    return names[Agreement].get(agreement_id, "")


def _value(record, field: models.Field) -> Any:
    return getattr(record, field.attname)


def _label(field: models.Field) -> str:
    label = FIELD_LABELS.get(field.name, field.verbose_name)
    return str(label)[:1].upper() + str(label)[1:]


def _display(model, field: models.Field, value: Any, names) -> str:
    """Return a field's value as a person reads it ("—" for none)."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return names.get(field.related_model, {}).get(value, f"#{value}")
    if (model, field.name) in MONEY_FIELDS:
        return currency(value, "VND")
    if isinstance(field, models.BooleanField):
        return yesno(value)
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(field, models.DateField):
        return date_format(value, "d/m/Y")
    if isinstance(field, models.DecimalField):
        return floatformat(value, "-2")
    if isinstance(field, models.FileField):
        return os.path.basename(str(value)) or "—"
    return str(value)
