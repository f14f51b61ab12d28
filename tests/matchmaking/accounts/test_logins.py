"""Agreements staff give a register business logins; the business keeps
its agreements (it is the same row)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from agreements.selectors.access import agreements_visible_to
from marketplace.core import roles
from tests.factories.agreements import (
    agreement_create,
    business_create,
    cooperative_create,
    cooperative_user_create,
    user_create,
)
from tests.factories.matchmaking import business_user_create

from .conftest import client_for

pytestmark = pytest.mark.django_db
User = get_user_model()


def _url(business):
    return reverse("matchmaking:business-logins", args=[business.pk])


def test_a_new_person_gets_a_login_and_a_link_to_set_a_password(
    client, staff, django_capture_on_commit_callbacks
):
    business = business_create(name="Công ty Có Hợp Đồng")
    agreement = agreement_create(business=business)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            _url(business), {"full_name": "Phạm Minh", "email": "Minh@Cty.example"}
        )

    assert response.status_code == 302
    user = User.objects.get(email="minh@cty.example")
    assert not user.has_usable_password()
    assert list(business.users.all()) == [user]
    assert user.groups.filter(name=roles.BUSINESS_STAFF).exists()
    assert list(agreements_visible_to(user=user)) == [agreement]
    assert mail.outbox[0].to == ["minh@cty.example"]
    link = re.search(r"https?://\S+/password-reset/confirm/\S+/", mail.outbox[0].body)
    assert link
    # The link opens Django's set-password page (it redirects to its form).
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    opened = client.get("/" + path, follow=True)
    assert opened.status_code == 200
    assert "new_password1" in opened.content.decode()


def test_an_existing_user_is_attached_not_duplicated(
    staff, django_capture_on_commit_callbacks
):
    business = business_create()
    existing = user_create(username="cu")

    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(
            _url(business), {"full_name": "Người Cũ", "email": "CU@example.test"}
        )

    assert User.objects.filter(email__iexact="cu@example.test").count() == 1
    assert list(business.users.all()) == [existing]
    assert "/accounts/login/" in mail.outbox[0].body


def test_a_second_login_for_the_same_person_is_refused(staff):
    business = business_create()
    user = business_user_create(business=business)

    response = client_for(staff).post(
        _url(business), {"full_name": "X", "email": user.email}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert response.context["form"]["full_name"].value() == "X"


def test_the_page_lists_the_logins(staff):
    business = business_create()
    user = business_user_create(business=business)

    body = client_for(staff).get(_url(business)).content.decode()

    assert user.email in body


def test_agreement_page_links_staff_to_the_logins(staff):
    business = business_create()
    agreement = agreement_create(business=business)

    body = client_for(staff).get(agreement.get_absolute_url()).content.decode()

    assert _url(business) in body


@pytest.mark.parametrize("who", ["buyer", "business", "cooperative", "moderator"])
def test_only_agreements_staff_give_logins(who, moderator):
    business = business_create()
    user = {
        "buyer": lambda: user_create(username="mua"),
        "business": lambda: business_user_create(business=business),
        "cooperative": lambda: cooperative_user_create(partner=cooperative_create()),
        "moderator": lambda: moderator,
    }[who]()

    assert client_for(user).get(_url(business)).status_code == 404


def test_visitors_are_sent_to_log_in(client):
    assert client.get(_url(business_create())).status_code == 302
