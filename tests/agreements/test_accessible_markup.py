"""The register's markup names what a screen reader would otherwise leave unnamed."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories.agreements import agreement_create, staff_user_create

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def progress_bar_names(html: str) -> list[str | None]:
    soup = BeautifulSoup(html, "html.parser")
    return [bar.get("aria-label") for bar in soup.find_all(role="progressbar")]


def test_each_progress_bar_of_the_list_names_its_agreement(client, english):
    # Given two agreements running today
    for number in ("A-1", "B-2"):
        agreement_create(
            number=number,
            signed_on=TODAY - datetime.timedelta(days=30),
            valid_until=TODAY + datetime.timedelta(days=30),
        )
    client.force_login(staff_user_create())

    # When staff open the list
    response = client.get(reverse("agreements:list"), HTTP_ACCEPT_LANGUAGE="en")

    # Then each bar is named after its agreement
    assert sorted(progress_bar_names(response.content.decode())) == [
        "Fulfilment of agreement A-1",
        "Fulfilment of agreement B-2",
    ]


def test_each_progress_bar_of_an_agreement_names_its_goods(client, english):
    # Given an agreement with two commitments
    agreement = agreement_create(
        signed_on=TODAY - datetime.timedelta(days=30),
        valid_until=TODAY + datetime.timedelta(days=30),
        lines=[{"goods": "Na Chi Lăng"}, {"goods": "Mật ong bạc hà"}],
    )
    client.force_login(staff_user_create())

    # When staff open it
    response = client.get(agreement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    # Then each commitment's bar is named after its goods
    assert sorted(progress_bar_names(response.content.decode())) == [
        "Delivery progress of Mật ong bạc hà",
        "Delivery progress of Na Chi Lăng",
    ]
