"""A business's staff see their own business's agreements (whole: every
line), may raise a difficulty, and see nothing else of the register."""

import datetime

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from agreements.models import AgreementParty, BusinessStatus, Commitment, DeliveryReport
from agreements.selectors.access import agreements_visible_to, user_partner_scope
from agreements.selectors.files import delivery_evidence_get
from tests.factories.agreements import (
    agreement_create,
    business_create,
    cooperative_create,
    report_create,
)
from tests.factories.matchmaking import business_user_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    business = business_create(name="Công ty Xứ Lạng")
    coop_a, coop_b = cooperative_create(name="HTX A"), cooperative_create(name="HTX B")
    own = agreement_create(business=business, partner=coop_a, number="01/XL")
    # A second cooperative's line on the same agreement: the business sees it.
    AgreementParty.objects.create(
        agreement=own, partner=coop_b, role=AgreementParty.Role.SUPPLIER
    )
    Commitment.objects.create(
        agreement=own,
        partner=coop_b,
        goods="Hồi khô",
        unit="kg",
        quantity=50,
        value=5_000_000,
        period_start=own.valid_from,
        period_end=own.valid_until,
    )
    report_create(
        commitment=own.commitments.first(), delivered_on=datetime.date(2024, 6, 1)
    )
    other = agreement_create(number="02/KHAC")
    user = business_user_create(business=business)
    return {"business": business, "own": own, "other": other, "user": user}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_they_see_their_agreements_only(world):
    visible = agreements_visible_to(user=world["user"])

    assert list(visible) == [world["own"]]
    assert user_partner_scope(user=world["user"]) is None


def test_the_list_shows_their_agreements(world):
    response = _client(world["user"]).get(reverse("agreements:list"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "01/XL" in body
    assert "02/KHAC" not in body


def test_the_agreement_page_shows_every_line_but_no_staff_things(world):
    response = _client(world["user"]).get(world["own"].get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["lines"]) == 2
    assert response.context["history"] == []
    assert response.context["can_report"] is False
    assert len([e for e in response.context["timeline"] if e["type"] == "report"]) == 1
    body = response.content.decode()
    assert reverse("agreements:edit", args=[world["own"].pk]) not in body
    assert 'id="raise-difficulty"' in body


@pytest.mark.parametrize(
    "url_name", ["agreements:edit", "agreements:delivery-create", "agreements:cancel"]
)
def test_staff_pages_and_reports_answer_404(world, url_name):
    response = _client(world["user"]).get(reverse(url_name, args=[world["own"].pk]))

    assert response.status_code == 404


def test_another_business_agreement_answers_404(world):
    response = _client(world["user"]).get(world["other"].get_absolute_url())

    assert response.status_code == 404


def test_they_may_raise_a_difficulty(world):
    response = _client(world["user"]).get(
        reverse("agreements:difficulty-raise", args=[world["own"].pk])
    )

    assert response.status_code == 200


@pytest.mark.parametrize("status", [BusinessStatus.PENDING, BusinessStatus.REJECTED])
def test_a_business_not_approved_sees_nothing(world, status):
    world["business"].status = status
    world["business"].save()

    assert not agreements_visible_to(user=world["user"]).exists()
    client = _client(world["user"])
    assert client.get(reverse("agreements:list")).status_code == 404
    assert client.get(world["own"].get_absolute_url()).status_code == 404


def test_a_claimant_without_the_role_sees_nothing(world):
    world["user"].groups.clear()

    assert not agreements_visible_to(user=world["user"]).exists()
    assert _client(world["user"]).get(reverse("agreements:list")).status_code == 404


def test_they_get_the_evidence_of_deliveries_to_them_only(world):
    report = DeliveryReport.objects.get(commitment__agreement=world["own"])
    DeliveryReport.objects.filter(pk=report.pk).update(evidence="agreements/x.pdf")
    stranger = business_user_create(business=business_create())

    assert delivery_evidence_get(pk=report.pk, user=world["user"]) == report
    with pytest.raises(Http404):
        delivery_evidence_get(pk=report.pk, user=stranger)
