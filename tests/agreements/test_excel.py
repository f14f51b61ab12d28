"""Excel import: a valid sheet imports everything; one bad row imports nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from agreements.excel import IMPORT_COLUMNS, import_agreements, import_template
from agreements.models import Agreement, Commitment, FollowUp
from tests.factories.agreements import (
    business_create,
    conference_create,
    cooperative_create,
    staff_user_create,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def sheet_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([header for _key, header in IMPORT_COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(number="01/BB", coop="htx-a", tax="0101234567", **overrides):
    values = {
        "number": number,
        "signed_on": D(2024, 4, 25),
        "kind": "purchase",
        "valid_from": D(2024, 5, 1),
        "valid_until": D(2024, 12, 31),
        "cooperative_code": coop,
        "business_tax_code": tax,
        "goods": "Na Chi Lăng",
        "unit": "kg",
        "quantity": 1000,
        "value": 45_000_000,
        "period_start": D(2024, 8, 1),
        "period_end": D(2024, 9, 30),
    }
    values.update(overrides)
    return [values[key] for key, _h in IMPORT_COLUMNS]


@pytest.fixture
def parties():
    coop = cooperative_create(name="HTX A")
    coop.code = "htx-a"
    coop.save()
    business = business_create(tax_code="0101234567")
    return coop, business


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


def test_import_page_shows_errors_and_imports_nothing(client, parties):
    client.force_login(staff_user_create())
    conference = conference_create()
    upload = SimpleUploadedFile("hn.xlsx", sheet_bytes([row("01/BB", tax="000")]))

    response = client.post(
        reverse("agreements:import"),
        {"conference": conference.pk, "file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "Row 2, column G" in response.content.decode()
    assert not Agreement.objects.exists()


def test_import_page_with_fetch_returns_json_errors_for_the_progress_view(
    client, parties
):
    client.force_login(staff_user_create())
    conference = conference_create()
    upload = SimpleUploadedFile("hn.xlsx", sheet_bytes([row("01/BB", coop="zzz")]))

    response = client.post(
        reverse("agreements:import"),
        {"conference": conference.pk, "file": upload},
        HTTP_X_REQUESTED_WITH="fetch",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0].startswith("Row 2, column F")


def test_template_has_the_headers_the_import_expects():
    sheet = load_workbook(io.BytesIO(import_template())).active

    assert [c.value for c in sheet[1]] == [h for _k, h in IMPORT_COLUMNS]
