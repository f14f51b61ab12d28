"""A cooperative raises a difficulty on its own agreement from the
agreement's page; the staff member in charge (else the agreements staff) is
e-mailed a link to it."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from agreements import services
from agreements.forms import CooperativeDifficultyForm
from agreements.models import Difficulty
from tests.factories.agreements import (
    agreement_create,
    cooperative_user_create,
    staff_user_create,
)
from tests.factories.submissions import submission_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    return agreement_create()


@pytest.fixture
def coop_user(agreement):
    partner = agreement.parties.get(partner__isnull=False).partner
    user = cooperative_user_create(partner=partner)
    user.first_name, user.last_name = "Hoa", "Trần"
    user.save()
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, agreement, user, **data):
    return client.post(
        reverse("agreements:difficulty-raise", args=[agreement.pk]),
        {
            "kind": Difficulty.Kind.LOGISTICS,
            "description": "Thiếu xe lạnh",
            **submission_data(user=user, form_class=CooperativeDifficultyForm),
            **data,
        },
    )


def test_the_cooperative_sees_the_form_on_its_agreement_page(agreement, coop_user):
    body = _client(coop_user).get(agreement.get_absolute_url()).content.decode()

    assert 'id="raise-difficulty"' in body
    assert reverse("agreements:difficulty-raise", args=[agreement.pk]) in body


def test_staff_do_not_get_the_cooperative_form(agreement):
    staff = staff_user_create()

    body = _client(staff).get(agreement.get_absolute_url()).content.decode()

    assert 'id="raise-difficulty"' not in body


def test_a_raised_difficulty_is_saved_and_the_person_in_charge_is_told(
    agreement, coop_user, django_capture_on_commit_callbacks
):
    in_charge = staff_user_create(username="lan")
    staff_user_create(username="other")
    agreement.staff_in_charge = in_charge
    agreement.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(_client(coop_user), agreement, coop_user)

    assert response.status_code == 302
    difficulty = Difficulty.objects.get()
    assert (difficulty.raised_by, difficulty.agreement) == (coop_user, agreement)
    assert difficulty.kind == Difficulty.Kind.LOGISTICS
    assert [message.to for message in mail.outbox] == [["lan@example.test"]]
    assert agreement.get_absolute_url() in mail.outbox[0].body
    assert mail.outbox[0].body.count("http") == 1
    assert "Hoa Trần" in mail.outbox[0].body
    assert agreement.number in mail.outbox[0].subject


def test_without_a_person_in_charge_the_agreements_staff_are_told(
    agreement, coop_user, django_capture_on_commit_callbacks
):
    staff_user_create(username="lan")
    staff_user_create(username="minh")

    with django_capture_on_commit_callbacks(execute=True):
        _post(_client(coop_user), agreement, coop_user)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "lan@example.test",
        "minh@example.test",
    ]


def test_another_cooperatives_agreement_answers_404(agreement):
    other = agreement_create()
    stranger = cooperative_user_create(
        partner=other.parties.get(partner__isnull=False).partner, username="x"
    )

    assert (
        _client(stranger)
        .get(reverse("agreements:difficulty-raise", args=[agreement.pk]))
        .status_code
        == 404
    )
    assert _post(_client(stranger), agreement, stranger).status_code == 404
    assert not Difficulty.objects.exists()


def test_the_service_refuses_an_agreement_the_user_may_not_see(agreement):
    other = agreement_create()
    stranger = cooperative_user_create(
        partner=other.parties.get(partner__isnull=False).partner, username="x"
    )

    with pytest.raises(PermissionDenied):
        services.difficulty_raise_by_cooperative(
            agreement=agreement, user=stranger, kind="price", description="x"
        )


def test_bad_input_keeps_what_was_typed(agreement, coop_user):
    response = _post(
        _client(coop_user), agreement, coop_user, kind="", description="Giá giảm"
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Giá giảm" in body
    assert not Difficulty.objects.exists()


def test_a_double_submit_records_one_difficulty(
    agreement, coop_user, django_capture_on_commit_callbacks
):
    agreement.staff_in_charge = staff_user_create(username="lan")
    agreement.save()
    client = _client(coop_user)
    token = submission_data(user=coop_user, form_class=CooperativeDifficultyForm)

    with django_capture_on_commit_callbacks(execute=True):
        first = _post(client, agreement, coop_user, **token)
        second = _post(client, agreement, coop_user, **token)

    assert first.status_code == second.status_code == 302
    assert second.url == agreement.get_absolute_url()
    assert Difficulty.objects.count() == 1
    assert len(mail.outbox) == 1


def test_staff_are_sent_to_their_own_form(agreement):
    response = _client(staff_user_create()).get(
        reverse("agreements:difficulty-raise", args=[agreement.pk])
    )

    assert response.url == reverse("agreements:difficulty-create", args=[agreement.pk])
