"""Excel import: a valid sheet imports everything; one bad row imports nothing.

The import's own rules (cells, jobs, pages) are in test_import*.py."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from agreements.excel import import_template
from agreements.imports.columns import IMPORT_COLUMNS
from agreements.imports.writing import import_agreements
from agreements.models import Agreement, Commitment, FollowUp
from tests.factories.agreements import (
    agreement_create,
    conference_create,
    cooperative_create,
    staff_user_create,
)
from tests.factories.agreements import import_row as row
from tests.factories.agreements import import_sheet_bytes as sheet_bytes

pytestmark = pytest.mark.django_db

D = datetime.date


def test_valid_sheet_imports_every_agreement_and_line(parties):
    conference = conference_create()
    content = sheet_bytes(
        [
            row("01/BB"),
            row("01/BB", goods="Na sấy", unit="hộp", value=7_000_000),
            row("02/BB"),
        ]
    )

    result = import_agreements(conference=conference, file=io.BytesIO(content))

    assert result.errors == []
    assert (result.agreements, result.commitments) == (2, 3)
    first = Agreement.objects.get(number="01/BB")
    assert first.conference == conference
    assert first.commitments.count() == 2
    assert first.parties.count() == 2
    assert FollowUp.objects.filter(agreement=first).count() == 3


@pytest.mark.parametrize(
    "bad, column, message",
    [
        ({"coop": "htx-khong-co"}, "F", "No cooperative has the code"),
        ({"tax": "9999999999"}, "G", "No business has the tax code"),
        ({"quantity": 0}, "J", "greater than zero"),
        ({"value": -5}, "K", "greater than zero"),
        ({"period_end": D(2024, 7, 1)}, "M", "ends before it starts"),
        ({"kind": "gift"}, "C", "Unknown kind"),
        ({"signed_on": "not a date"}, "B", "Enter a date"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_row_and_column(
    parties, bad, column, message
):
    conference = conference_create()
    content = sheet_bytes([row("01/BB"), row("02/BB", **bad), row("03/BB")])

    with translation.override("en"):
        result = import_agreements(conference=conference, file=io.BytesIO(content))
        text = str(result.errors[0]) if result.errors else ""

    assert not Agreement.objects.exists()
    assert not Commitment.objects.exists()
    assert len(result.errors) == 1
    assert text.startswith(f"Row 3, column {column} ")
    assert message in text


def test_template_has_the_headers_the_import_expects():
    sheet = load_workbook(io.BytesIO(import_template())).active

    assert [c.value for c in sheet[1]] == [h for _k, h in IMPORT_COLUMNS]


# --- exports: no cell becomes a live formula (issue 12, finding 8) ---------------

FORMULA_NAME = '=HYPERLINK("http://x","y")'


@pytest.fixture
def formula_agreement():
    conference = conference_create(name="@Hội nghị", slug="hoi-nghi-cong-thuc")
    partner = cooperative_create(name=FORMULA_NAME)
    agreement_create(
        conference=conference,
        partner=partner,
        lines=[
            {"goods": "+1", "value": 1_000},
            {"goods": "@SUM(1)", "value": 2_000},
            {"goods": "-2", "value": 3_000},
        ],
    )
    return conference


def test_the_agreements_export_neutralises_names_and_keeps_numbers(
    client, formula_agreement
):
    client.force_login(staff_user_create())

    response = client.get(reverse("agreements:export"))

    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Agreements"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if any(r)]
    # The import's columns first (goods in H), then the register's (N on).
    assert [r[7] for r in rows] == ["'+1", "'@SUM(1)", "'-2"]
    assert {r[15] for r in rows} == {"'" + FORMULA_NAME}
    assert {r[13] for r in rows} == {"'@Hội nghị"}
    assert [r[10] for r in rows] == [1_000, 2_000, 3_000]
    totals = list(book["Totals"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in totals] == [("'@Hội nghị", 6_000)]
    assert sheet["K2"].number_format == "#,##0"
    assert sheet["B2"].value == datetime.datetime(2024, 5, 1)
    assert all(
        cell.data_type != "f"
        for each in book.worksheets
        for row in each.iter_rows()
        for cell in row
    )


def test_the_conference_summary_neutralises_cooperatives_and_goods(
    client, formula_agreement
):
    client.force_login(staff_user_create())

    response = client.get(
        reverse("agreements:conference-export", args=[formula_agreement.slug])
    )

    book = load_workbook(io.BytesIO(response.content))
    assert book["Summary"]["A1"].value == "'@Hội nghị"
    by_cooperative = list(book["By cooperative"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in by_cooperative] == [("'" + FORMULA_NAME, 6_000)]
    goods = sorted(
        r[0] for r in book["By product"].iter_rows(min_row=2, values_only=True)
    )
    assert goods == ["'+1", "'-2", "'@SUM(1)"]
    assert response["Content-Disposition"] == (
        'attachment; filename="hoi-nghi-cong-thuc-summary.xlsx"'
    )


def test_the_import_template_is_written_by_the_export_writer(client):
    client.force_login(staff_user_create())

    response = client.get(reverse("agreements:import-template"))

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Agreements", "Kinds", "Reference"]
    assert book["Agreements"]["A1"].font.b is True
    assert book["Agreements"]["B2"].value == datetime.datetime(2024, 4, 20)
    assert response["Content-Disposition"] == (
        'attachment; filename="agreements-template.xlsx"'
    )
