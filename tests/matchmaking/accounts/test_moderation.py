"""Moderators approve or reject businesses that registered themselves, and
confirm or refuse claims to work for a business in the register."""

import pytest
from django.core import mail
from django.urls import reverse

from agreements.models import BusinessStatus
from agreements.selectors.access import agreements_visible_to
from marketplace.core import roles
from tests.factories.agreements import agreement_create, business_create, user_create
from tests.factories.matchmaking import business_user_create

from .conftest import client_for

pytestmark = pytest.mark.django_db
QUEUE = reverse("matchmaking:business-moderation")


def _pending_business(**fields):
    business = business_create(status=BusinessStatus.PENDING, **fields)
    user = business_user_create(business=business)
    return business, user


def _claim(business, username="khach"):
    user = user_create(username=username, first_name="Lê Thị Bình")
    business.users.add(user)
    return user


def _review(business):
    return reverse("matchmaking:business-moderation-detail", args=[business.pk])


def test_the_queue_lists_pending_businesses_and_claims(moderator):
    pending, _user = _pending_business(name="Công ty Chờ Duyệt")
    known = business_create(name="Công ty Có Sẵn")
    _claim(known)
    approved = business_create(name="Công ty Đã Duyệt")
    business_user_create(business=approved)

    response = client_for(moderator).get(QUEUE)

    assert response.status_code == 200
    assert list(response.context["businesses"]) == [pending]
    assert [c.business for c in response.context["claims"]] == [known]
    body = response.content.decode()
    assert "Công ty Chờ Duyệt" in body
    assert "Lê Thị Bình" in body
    assert "Công ty Đã Duyệt" not in body


def test_the_queue_takes_the_same_queries_for_few_and_many(moderator, count_queries):
    client = client_for(moderator)
    _pending_business()
    _claim(business_create(), "k0")
    client.get(QUEUE)
    _, few = count_queries(client.get, QUEUE)
    for n in range(5):
        _pending_business()
        _claim(business_create(), f"k{n + 1}")

    response, many = count_queries(client.get, QUEUE)

    assert len(response.context["businesses"]) == 6
    assert few == many


def test_approving_tells_the_business_and_opens_its_agreements(
    moderator, django_capture_on_commit_callbacks
):
    business, user = _pending_business()
    agreement = agreement_create(business=business)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).post(
            _review(business), {"decision": "approve", "reason": ""}
        )

    assert response.status_code == 302
    business.refresh_from_db()
    assert business.status == BusinessStatus.APPROVED
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert list(agreements_visible_to(user=user)) == [agreement]


def test_a_rejection_needs_a_reason(moderator):
    business, _user = _pending_business()

    response = client_for(moderator).post(
        _review(business), {"decision": "reject", "reason": ""}
    )

    assert response.status_code == 200
    assert response.context["business_form"].errors["reason"]
    business.refresh_from_db()
    assert business.status == BusinessStatus.PENDING


def test_rejecting_records_and_sends_the_reason(
    moderator, django_capture_on_commit_callbacks
):
    business, user = _pending_business()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(moderator).post(
            _review(business), {"decision": "reject", "reason": "Sai mã số thuế"}
        )

    business.refresh_from_db()
    assert business.status == BusinessStatus.REJECTED
    assert business.rejection_reason == "Sai mã số thuế"
    assert "Sai mã số thuế" in mail.outbox[0].body
    assert mail.outbox[0].to == [user.email]


def test_confirming_a_claim_gives_the_role_and_the_agreements(
    moderator, django_capture_on_commit_callbacks
):
    known = business_create()
    agreement = agreement_create(business=known)
    claimant = _claim(known)
    assert not agreements_visible_to(user=claimant).exists()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(moderator).post(
            _review(known),
            {"decision": "approve", "reason": "", "claimant": claimant.pk},
        )

    assert claimant.groups.filter(name=roles.BUSINESS_STAFF).exists()
    claimant = type(claimant).objects.get(pk=claimant.pk)  # fresh permission cache
    assert list(agreements_visible_to(user=claimant)) == [agreement]
    assert mail.outbox[0].to == [claimant.email]


def test_refusing_a_claim_detaches_the_person(
    moderator, django_capture_on_commit_callbacks
):
    known = business_create()
    claimant = _claim(known)

    with django_capture_on_commit_callbacks(execute=True):
        client_for(moderator).post(
            _review(known),
            {
                "decision": "reject",
                "reason": "Không xác minh được",
                "claimant": claimant.pk,
            },
        )

    assert not known.users.exists()
    assert "Không xác minh được" in mail.outbox[0].body


def test_an_approved_business_takes_no_business_decision(moderator):
    business = business_create()

    response = client_for(moderator).post(
        _review(business), {"decision": "reject", "reason": "x"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["buyer", "business", "staff"])
def test_only_moderators_moderate(who, staff):
    business, business_user = _pending_business()
    user = {
        "buyer": user_create(username="mua"),
        "business": business_user,
        "staff": staff,
    }[who]
    client = client_for(user)

    assert client.get(QUEUE).status_code == 404
    assert client.get(_review(business)).status_code == 404


def test_visitors_are_sent_to_log_in(client):
    business, _user = _pending_business()

    assert client.get(QUEUE).status_code == 302
    assert client.get(_review(business)).status_code == 302
