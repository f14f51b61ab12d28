"""The import checks every cell before anything is written: each refused cell
names its row and column, in the reader's language, and nothing is written."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation

from agreements.imports import cells
from agreements.imports.checking import import_sheet_check
from agreements.imports.writing import import_agreements, import_plan_write
from agreements.models import Agreement, Commitment, FollowUp
from tests.factories.agreements import (
    conference_create,
)
from tests.factories.agreements import import_row as row
from tests.factories.agreements import import_sheet_bytes as sheet_bytes

pytestmark = pytest.mark.django_db

D = datetime.date


def _errors_in_english(content: bytes) -> list[str]:
    plan = import_sheet_check(file=io.BytesIO(content))
    with translation.override("en"):
        return [str(error) for error in plan.errors]


@pytest.mark.parametrize(
    "bad, expected",
    [
        (
            {"quantity": 10**20},
            "Row 3, column J (Quantity): The quantity must be at most "
            "999,999,999,999.99.",
        ),
        (
            {"quantity": 10**25},
            "Row 3, column J (Quantity): The quantity must be at most "
            "999,999,999,999.99.",
        ),
        (
            {"quantity": "1e400"},
            "Row 3, column J (Quantity): The quantity must be at most "
            "999,999,999,999.99.",
        ),
        (
            {"quantity": "NaN"},
            "Row 3, column J (Quantity): Enter a finite number.",
        ),
        (
            {"quantity": "Infinity"},
            "Row 3, column J (Quantity): Enter a finite number.",
        ),
        (
            {"quantity": -5},
            "Row 3, column J (Quantity): The quantity must be greater than zero.",
        ),
        (
            {"quantity": 1.234},
            "Row 3, column J (Quantity): At most 2 decimal places.",
        ),
        (
            {"quantity": True},
            "Row 3, column J (Quantity): Enter a number.",
        ),
        (
            {"quantity": "=2*500"},
            "Row 3, column J (Quantity): A formula is not accepted; enter the "
            "value itself.",
        ),
        (
            {"value": 10**20},
            "Row 3, column K (Value (VND)): The value must be at most "
            "10,000,000,000,000 dong.",
        ),
        (
            {"value": 10**25},
            "Row 3, column K (Value (VND)): The value must be at most "
            "10,000,000,000,000 dong.",
        ),
        (
            {"value": "1e400"},
            "Row 3, column K (Value (VND)): The value must be at most "
            "10,000,000,000,000 dong.",
        ),
        (
            {"value": -5},
            "Row 3, column K (Value (VND)): The value must be greater than zero.",
        ),
        (
            {"value": 1500.5},
            "Row 3, column K (Value (VND)): The value is in whole dong.",
        ),
        (
            {"value": "#DIV/0!"},
            "Row 3, column K (Value (VND)): This cell holds an Excel error (#DIV/0!).",
        ),
        (
            {"signed_on": D(1850, 1, 1)},
            "Row 3, column B (Signing date): Enter a date between 01/01/1990 "
            "and 31/12/2099.",
        ),
        (
            {"period_end": "31/12/2150"},
            "Row 3, column M (Period end): Enter a date between 01/01/1990 "
            "and 31/12/2099.",
        ),
        (
            {"valid_from": 45000},
            "Row 3, column D (Valid from): Enter a date (dd/mm/yyyy).",
        ),
        (
            {"goods": "x" * 256},
            "Row 3, column H (Goods): At most 255 characters (this cell has 256).",
        ),
        (
            {"unit": "k" * 31},
            "Row 3, column I (Unit): At most 30 characters (this cell has 31).",
        ),
        (
            {"number": "N" * 51},
            "Row 3, column A (Number): At most 50 characters (this cell has 51).",
        ),
        (
            {"goods": '=HYPERLINK("http://example.test","x")'},
            "Row 3, column H (Goods): A formula is not accepted; enter the "
            "value itself.",
        ),
    ],
)
def test_each_bad_cell_is_refused_with_its_row_and_column_and_nothing_is_written(
    parties, bad, expected
):
    # given a sheet whose second row has one bad cell
    conference = conference_create()
    number = "N" * 51 if "number" in bad else "02/BB"
    bad = {k: v for k, v in bad.items() if k != "number"}
    content = sheet_bytes([row("01/BB"), row(number, **bad), row("03/BB")])

    # when it is imported
    result = import_agreements(conference=conference, file=io.BytesIO(content))
    with translation.override("en"):
        errors = [str(error) for error in result.errors]

    # then that cell alone is named, and nothing is written
    assert errors == [expected]
    assert not Agreement.objects.exists()
    assert not Commitment.objects.exists()


def test_errors_are_shown_in_the_readers_language(parties):
    content = sheet_bytes([row("01/BB", quantity=10**20)])
    plan = import_sheet_check(file=io.BytesIO(content))

    with translation.override("vi"):
        text = str(plan.errors[0])

    assert text.startswith("Dòng 2, cột J (")


def test_a_non_finite_float_cell_is_refused():
    with pytest.raises(cells.CellRefused) as refused:
        cells.as_quantity(float("inf"))

    assert refused.value.message == "Enter a finite number."


def test_a_file_that_is_not_xlsx_is_refused_without_a_500():
    plan = import_sheet_check(file=io.BytesIO(b"PK\x03\x04 not really a zip"))

    with translation.override("en"):
        assert [str(e) for e in plan.errors] == [
            "Row 1: This is not a readable .xlsx file."
        ]


def test_the_check_writes_nothing_and_counts_what_would_be_recorded(parties):
    # given two agreements, one of them with two lines
    content = sheet_bytes(
        [
            row("01/BB"),
            row("01/BB", goods="Na sấy", unit="hộp", value=7_000_000),
            row("02/BB", quantity="1250,5"),
        ]
    )

    # when the sheet is checked
    plan = import_sheet_check(file=io.BytesIO(content))

    # then the preview counts it all and nothing is written
    assert plan.errors == []
    preview = plan.preview()
    assert {k: preview[k] for k in ("rows", "agreements", "parties", "lines")} == {
        "rows": 3,
        "agreements": 2,
        "parties": 4,
        "lines": 3,
    }
    assert preview["first_rows"][2][0] == 4
    assert preview["first_rows"][2][10] == "1250.50"
    assert not Agreement.objects.exists()


def test_writing_a_plan_records_every_agreement_line_party_and_follow_up(parties):
    # given a checked plan
    conference = conference_create()
    content = sheet_bytes(
        [row("01/BB"), row("01/BB", goods="Na sấy", unit="hộp"), row("02/BB")]
    )
    plan = import_sheet_check(file=io.BytesIO(content))
    seen: list[tuple[int, int]] = []

    # when it is written
    counts = import_plan_write(
        plan=plan,
        conference=conference,
        progress=lambda done, total: seen.append((done, total)),
    )

    # then everything is recorded, with its history, and progress reached the end
    assert counts == (2, 3)
    first = Agreement.objects.get(number="01/BB")
    assert first.conference == conference
    assert first.commitments.count() == 2
    assert first.parties.count() == 2
    assert first.history.count() == 1
    assert FollowUp.objects.filter(agreement=first).count() == 3
    assert Commitment.objects.get(agreement__number="02/BB").quantity == Decimal(
        "1000.00"
    )
    assert seen[-1] == (3, 3)


def test_the_check_progress_reaches_every_row(parties):
    content = sheet_bytes([row(f"{n:03d}/BB") for n in range(250)])
    seen: list[tuple[int, int]] = []

    import_sheet_check(
        file=io.BytesIO(content), progress=lambda d, t: seen.append((d, t))
    )

    assert seen[-1] == (250, 250)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_the_models_hold_the_same_bounds_for_every_writer():
    # given a line, a report and a milestone past their bounds
    from django.core.exceptions import ValidationError

    from agreements.models import MAX_VND, DeliveryReport, Milestone

    line = Commitment(quantity=Decimal("1000000000000"), value=MAX_VND + 1)
    report = DeliveryReport(quantity=Decimal("1000000000000"), value=MAX_VND + 1)
    milestone = Milestone(share=Decimal("150"))

    # when their fields are cleaned (as every model form does)
    errors = {}
    for name, instance, fields in [
        ("line", line, {"quantity", "value"}),
        ("report", report, {"quantity", "value"}),
        ("milestone", milestone, {"share"}),
    ]:
        exclude = [f.name for f in instance._meta.fields if f.name not in fields]
        with pytest.raises(ValidationError) as refused:
            instance.clean_fields(exclude=exclude)
        errors[name] = sorted(refused.value.message_dict)

    # then each bound is refused by the model itself
    assert errors == {
        "line": ["quantity", "value"],
        "report": ["quantity", "value"],
        "milestone": ["share"],
    }
