"""People are named by full name across the register, falling back to the
username (staff) or "Alliance staff" (what a cooperative reads)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements import services
from agreements.forms import AgreementForm, DifficultyUpdateForm
from agreements.models import Difficulty
from agreements.selectors.people import person_name, person_name_for_cooperative
from tests.factories.agreements import (
    agreement_create,
    cooperative_user_create,
    staff_user_create,
    user_create,
)

pytestmark = pytest.mark.django_db


def test_a_person_is_named_by_full_name_else_by_username():
    named = user_create(username="lan", first_name="Lan", last_name="Nguyễn")
    unnamed = user_create(username="tuan")

    assert person_name(user=named) == "Lan Nguyễn"
    assert person_name(user=unnamed) == "tuan"
    assert person_name(user=None) == ""


def test_a_cooperative_never_reads_a_staff_username():
    unnamed = user_create(username="tuan")

    assert person_name_for_cooperative(user=unnamed) == _("Alliance staff")


def test_the_forms_offer_staff_by_full_name():
    staff = staff_user_create(username="lan")
    staff.first_name, staff.last_name = "Lan", "Nguyễn"
    staff.save()
    difficulty = services.difficulty_raise(
        agreement=agreement_create(),
        user=staff,
        kind=Difficulty.Kind.PRICE,
        description="Giá giảm",
    )

    in_charge = dict(AgreementForm(user=staff).fields["staff_in_charge"].choices)
    assignees = dict(
        DifficultyUpdateForm(instance=difficulty).fields["assignee"].choices
    )

    assert "Lan Nguyễn" in {str(label) for label in in_charge.values()}
    assert "Lan Nguyễn" in {str(label) for label in assignees.values()}


def test_pages_show_assignees_and_the_person_in_charge_by_full_name():
    staff = staff_user_create(username="lan")
    staff.first_name, staff.last_name = "Lan", "Nguyễn"
    staff.save()
    agreement = agreement_create(staff_in_charge=staff)
    services.difficulty_raise(
        agreement=agreement,
        user=staff,
        kind=Difficulty.Kind.PRICE,
        description="Giá giảm",
        assignee=staff,
    )
    client = Client()
    client.force_login(staff)

    detail = client.get(agreement.get_absolute_url()).content.decode()
    difficulties = client.get(reverse("agreements:difficulties")).content.decode()

    assert detail.count("Lan Nguyễn") >= 2
    assert "Lan Nguyễn" in difficulties
    assert ">lan<" not in difficulties


def test_a_cooperative_reads_an_unnamed_person_in_charge_as_alliance_staff():
    agreement = agreement_create(staff_in_charge=staff_user_create(username="tuan"))
    partner = agreement.parties.get(partner__isnull=False).partner
    client = Client()
    client.force_login(cooperative_user_create(partner=partner))

    body = client.get(agreement.get_absolute_url()).content.decode()

    assert "tuan" not in body
