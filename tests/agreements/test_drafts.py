"""Draft agreements (opened from conference meetings): their status, left
out of every figure, no follow-ups until signed, and "Mark signed"."""

import datetime

import pytest
from django.urls import reverse

from agreements import figures
from agreements.drafts import agreement_sign
from agreements.models import FollowUp
from agreements.selectors.aggregates import (
    conference_outcome,
    dashboard_summary,
    fulfilment_totals,
)
from agreements.status import STATUS_DRAFT
from tests.factories.agreements import (
    agreement_create,
    conference_create,
    cooperative_create,
    cooperative_user_create,
    report_create,
    staff_user_create,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2024, 8, 1)


@pytest.fixture
def register():
    conference = conference_create()
    signed = agreement_create(conference=conference)
    draft = agreement_create(conference=conference, is_draft=True)
    report_create(commitment=signed.commitments.get(), delivered_on=D(2024, 6, 1))
    return conference, signed, draft


def test_drafts_count_in_no_figure(register):
    conference, signed, _draft = register

    totals = fulfilment_totals(today=TODAY)
    outcome = conference_outcome(conference=conference, today=TODAY)

    assert totals["committed_value"] == 10_000_000
    assert outcome["agreements_count"] == 1
    assert outcome["committed_value"] == 10_000_000
    assert figures.by_conference(today=TODAY)[conference.pk][0] == 10_000_000
    dashboard = figures.dashboard(today=TODAY)
    assert sum(row[2] for row in dashboard["coop"]) == 10_000_000
    assert dashboard["status"][STATUS_DRAFT] == 1
    summary = dashboard_summary(today=TODAY)
    assert summary["agreements_count"] == 1
    assert summary["committed_value"] == 10_000_000


def test_the_list_filters_drafts_and_shows_the_badge(client, register):
    _conference, signed, draft = register
    client.force_login(staff_user_create())

    html = client.get(reverse("agreements:list"), {"status": "draft"}).content.decode()

    assert draft.number in html and signed.number not in html
    assert "ag-status--draft" in html


def test_staff_mark_a_draft_signed_then_it_is_followed_up(client, register):
    conference, _signed, draft = register
    assert not FollowUp.objects.filter(agreement=draft).exists()
    client.force_login(staff_user_create())
    detail = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="agreement-draft"' in detail
    assert reverse("agreements:sign", args=[draft.pk]) in detail

    response = client.post(
        reverse("agreements:sign", args=[draft.pk]), {"signed_on": "2024-05-10"}
    )

    draft.refresh_from_db()
    assert response.status_code == 302
    assert not draft.is_draft and draft.signed_on == D(2024, 5, 10)
    assert FollowUp.objects.filter(agreement=draft).count() == 3
    assert (
        conference_outcome(conference=conference, today=TODAY)["agreements_count"] == 2
    )
    # Signed once: the page is gone.
    assert client.get(reverse("agreements:sign", args=[draft.pk])).status_code == 404


def test_signing_needs_a_date_and_keeps_the_form(client, register):
    _conference, _signed, draft = register
    client.force_login(staff_user_create())

    response = client.post(reverse("agreements:sign", args=[draft.pk]), {})

    draft.refresh_from_db()
    assert response.status_code == 200
    assert draft.is_draft
    assert "ag-error" in response.content.decode()


def test_only_staff_mark_signed(client, register):
    _conference, _signed, draft = register
    partner = draft.parties.get(partner__isnull=False).partner
    url = reverse("agreements:sign", args=[draft.pk])

    assert client.get(url).status_code == 302
    client.force_login(cooperative_user_create(partner=partner))
    assert client.post(url, {"signed_on": "2024-05-10"}).status_code == 404
    client.force_login(
        cooperative_user_create(partner=cooperative_create(), username="b")
    )
    assert client.get(url).status_code == 404
    draft.refresh_from_db()
    assert draft.is_draft


def test_editing_a_draft_schedules_no_follow_ups(register):
    from agreements import services

    _conference, _signed, draft = register
    services.agreement_save(
        agreement=draft,
        parties=[
            services.PartyData(role=p.role, partner=p.partner, business=p.business)
            for p in draft.parties.all()
        ],
        commitments=list(draft.commitments.all()),
    )

    assert not FollowUp.objects.filter(agreement=draft).exists()


def test_signing_twice_is_refused(register):
    from django.core.exceptions import ValidationError

    _conference, signed, _draft = register
    with pytest.raises(ValidationError):
        agreement_sign(agreement=signed, signed_on=TODAY)
