"""The business's home at /ket-noi/doanh-nghiep/, where Business staff land
after logging in."""

import pytest
from django.urls import reverse

from agreements.models import BusinessStatus
from marketplace.core.roles import landing_url_name
from tests.factories.agreements import business_create, user_create
from tests.factories.matchmaking import business_user_create

from .conftest import client_for

pytestmark = pytest.mark.django_db
URL = reverse("matchmaking:business-home")


def test_business_staff_land_here():
    user = business_user_create(business=business_create())

    assert landing_url_name(user=user) == "matchmaking:business-home"


def test_an_approved_business_links_its_agreements():
    business = business_create(name="Công ty Xứ Lạng", tax_code="0100109106")
    user = business_user_create(business=business)

    response = client_for(user).get(URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Công ty Xứ Lạng" in body
    assert "0100109106" in body
    assert reverse("agreements:list") in body


def test_a_pending_business_waits():
    business = business_create(status=BusinessStatus.PENDING)
    user = business_user_create(business=business)

    body = client_for(user).get(URL).content.decode()

    assert "mm-business__status" in body
    assert reverse("agreements:list") not in body.split("<main", 1)[-1]


def test_a_rejected_business_reads_the_reason():
    business = business_create(
        status=BusinessStatus.REJECTED, rejection_reason="Không đúng ngành hàng"
    )
    user = business_user_create(business=business)

    assert "Không đúng ngành hàng" in client_for(user).get(URL).content.decode()


def test_a_claimant_waits_for_a_moderator():
    business = business_create()
    claimant = user_create(username="khach")
    business.users.add(claimant)

    response = client_for(claimant).get(URL)

    assert response.context["businesses"][0].confirmed is False


def test_someone_without_a_business_is_sent_to_register():
    response = client_for(user_create(username="mua")).get(URL)

    assert response.status_code == 302
    assert response.url == reverse("matchmaking:business-register")


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response.url
