"""The tax code rule (agreements.validators, python-stdnum's vn.mst) and the
staff's "new business" form that applies it."""

import pytest
from django.utils import translation

from agreements.forms import BusinessForm
from agreements.validators import (
    TAX_CODE_MESSAGES,
    tax_code_canonical,
    tax_code_problem,
    tax_code_variants,
)
from tests.factories.agreements import business_create, staff_user_create
from tests.factories.submissions import submission_data


@pytest.fixture(autouse=True)
def _english_msgids(settings):
    """The rule's messages are compared as their English msgids."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0100109106", "0100109106"),
        ("01.00.109.106", "0100109106"),
        (" 0100 109 106 ", "0100109106"),
        ("0100109106-001", "0100109106-001"),
        ("0100109106001", "0100109106-001"),
        ("0312687878 - 002", "0312687878-002"),
    ],
)
def test_valid_codes_are_stored_in_one_form(typed, stored):
    assert tax_code_problem(typed) is None
    assert tax_code_canonical(typed) == stored


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("0100109107", "checksum"),
        ("12345", "length"),
        ("01001091061", "length"),
        ("0100109106-01", "length"),
        ("01001O9106", "digits"),
        ("MST0100109106", "digits"),
        ("", "digits"),
        ("0100000000", "number"),
        ("0100109106-000", "number"),
    ],
)
def test_invalid_codes_say_what_is_wrong(typed, problem):
    assert tax_code_problem(typed) == TAX_CODE_MESSAGES[problem]


def test_a_branch_is_found_however_it_was_stored():
    assert tax_code_variants("0100109106-001") == ["0100109106-001", "0100109106001"]


@pytest.mark.django_db
def test_staff_form_refuses_a_bad_check_digit_and_keeps_what_was_typed():
    user = staff_user_create()
    form = BusinessForm(
        {"name": "Công ty Mới", "tax_code": "0100109107", "kind": "distributor"},
        user=user,
    )

    assert not form.is_valid()
    assert form.errors["tax_code"] == [TAX_CODE_MESSAGES["checksum"]]
    assert form["name"].value() == "Công ty Mới"


@pytest.mark.django_db
def test_staff_form_stores_the_canonical_code_and_finds_duplicates():
    user = staff_user_create()
    business_create(tax_code="0100109106")
    typed_again = BusinessForm(
        {"name": "Trùng", "tax_code": "01.00.109.106", "kind": "distributor"},
        user=user,
    )
    branch = BusinessForm(
        {
            "name": "Chi nhánh",
            "tax_code": "0100109106001",
            "kind": "distributor",
            **submission_data(user=user, form_class=BusinessForm),
        },
        user=user,
    )

    assert not typed_again.is_valid()
    assert "already in the register" in typed_again.errors["tax_code"][0]
    assert branch.is_valid(), branch.errors
    assert branch.cleaned_data["tax_code"] == "0100109106-001"


@pytest.mark.django_db
def test_existing_codes_without_a_valid_check_digit_stay_usable():
    # The demo's and older imports' codes predate the rule: still matched.
    old = business_create(tax_code="0108765432")

    assert tax_code_problem(old.tax_code) is not None
    old.refresh_from_db()
    assert old.tax_code == "0108765432"
