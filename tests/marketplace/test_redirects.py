"""A ``next`` parameter leads only to this site (issue 12, finding 15).

Each view of the agreements register that reads ``next`` goes there after
its work when it is a path on this site, and to its default page when it
points anywhere else.
"""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from agreements.services import follow_ups_schedule
from marketplace.core.http import redirect_next, url_is_safe
from tests.factories.agreements import (
    agreement_create,
    cooperative_create,
    report_create,
    staff_user_create,
)

TODAY = timezone.localdate()

OUTSIDE = [
    "https://evil.example/phish",
    "//evil.example/phish",
    "http://evil.example",
    "///evil.example/phish",
    "https:evil.example",
    "javascript:alert(1)",
    "\\\\evil.example",
    "/\\evil.example",
]


@pytest.fixture(autouse=True)
def site_host(settings):
    settings.ALLOWED_HOSTS = ["htx.example.vn", "testserver"]


@pytest.mark.parametrize("url", OUTSIDE)
def test_outside_urls_are_not_safe(rf, url):
    request = rf.get("/", HTTP_HOST="htx.example.vn")

    assert url_is_safe(request, url) is False


@pytest.mark.parametrize(
    "url",
    ["/agreements/list/?status=behind", "https://htx.example.vn/agreements/"],
)
def test_this_sites_urls_are_safe(url):
    request = RequestFactory().get("/", HTTP_HOST="htx.example.vn", secure=True)

    assert url_is_safe(request, url) is True


def test_plain_http_to_this_site_is_refused_on_an_https_request():
    request = RequestFactory().get("/", HTTP_HOST="htx.example.vn", secure=True)

    assert url_is_safe(request, "http://htx.example.vn/agreements/") is False


def test_redirect_next_takes_a_bare_word_as_a_path_not_a_pattern_name(rf):
    request = rf.post("/", {"next": "list"})

    response = redirect_next(request, "/agreements/")

    assert response["Location"] == "list"  # a relative path on this site


@pytest.fixture
def register(db, client):
    """An agreement with a pending report and an open follow-up, and staff
    signed in."""
    start = TODAY - datetime.timedelta(days=60)
    agreement = agreement_create(
        partner=cooperative_create(),
        signed_on=start,
        valid_until=TODAY + datetime.timedelta(days=300),
    )
    follow_ups_schedule(agreement=agreement)
    staff = staff_user_create()
    client.force_login(staff)
    return agreement


def _verify(client, agreement, data):
    report = report_create(
        commitment=agreement.commitments.get(), delivered_on=TODAY, verified=False
    )
    return client.post(reverse("agreements:report-verify", args=[report.pk]), data)


def _reject(client, agreement, data):
    report = report_create(
        commitment=agreement.commitments.get(), delivered_on=TODAY, verified=False
    )
    return client.post(
        reverse("agreements:report-reject", args=[report.pk]),
        {"reason": "Sai số lượng", **data},
    )


def _close(client, agreement, data):
    follow_up = agreement.follow_ups.filter(closed_on__isnull=True).first()
    return client.post(
        reverse("agreements:follow-up-close", args=[follow_up.pk]),
        {"outcome": "Đã giao đợt 1", **data},
    )


READERS = [
    pytest.param(_verify, id="report-verify"),
    pytest.param(_reject, id="report-reject"),
    pytest.param(_close, id="follow-up-close"),
]


@pytest.mark.parametrize("post", READERS)
@pytest.mark.parametrize("url", ["https://evil.example/phish", "//evil.example/phish"])
def test_next_outside_the_site_is_refused(client, register, post, url):
    response = post(client, register, {"next": url})

    assert response.status_code == 302
    assert response["Location"] == register.get_absolute_url()


@pytest.mark.parametrize("post", READERS)
def test_next_on_this_site_is_followed(client, register, post):
    response = post(client, register, {"next": "/agreements/reports/pending/"})

    assert response.status_code == 302
    assert response["Location"] == "/agreements/reports/pending/"


@pytest.mark.parametrize("post", READERS)
def test_no_next_goes_to_the_agreement(client, register, post):
    response = post(client, register, {})

    assert response["Location"] == register.get_absolute_url()


def test_follow_up_close_reads_next_from_the_query_string_too(client, register):
    follow_up = register.follow_ups.filter(closed_on__isnull=True).first()
    url = reverse("agreements:follow-up-close", args=[follow_up.pk])

    refused = client.post(url + "?next=https://evil.example/", {"outcome": "Xong"})

    assert refused["Location"] == register.get_absolute_url()
