"""The demo's 2027 conference: matchmaking open for registration, at least
40 participants, meetings in every state with the accepted ones scheduled,
the business login taking part; the 2024 conference unchanged."""

import datetime

import pytest
from django.utils import timezone

from agreements.models import Agreement, Conference
from marketplace.core.text import fold_vi
from marketplace.demo.agreements import CONFERENCE
from marketplace.demo.matchmaking import LOGIN_EMAIL, SLUG
from matchmaking.models import Event, MeetingStatus, Offer, Seat, Want
from matchmaking.selectors.access import participant_of

pytestmark = pytest.mark.django_db


def test_the_2027_conference_is_open_for_registration_and_laid_out(demo):
    event = Event.objects.get(conference__slug=SLUG)
    today = timezone.localdate()
    days = list(event.days.all())

    assert event.registration_opens <= today <= event.registration_closes
    assert len(days) == 2 and all(day.date.year >= 2027 for day in days)
    assert days[0].date > event.registration_closes
    assert event.slot_minutes == 20
    assert event.tables.count() == 10
    assert event.conference.place.endswith("Lạng Sơn")


def test_at_least_40_participants_with_offers_and_requests(demo):
    event = Event.objects.get(conference__slug=SLUG)
    participants = event.participants.all()

    assert participants.filter(status="approved").count() >= 40
    assert participants.filter(status="pending").exists()
    assert participants.filter(partner__isnull=False).count() >= 10
    for participant in participants.filter(partner__isnull=False).prefetch_related(
        "offers__product__stockrecords"
    ):
        for offer in participant.offers.all():
            # A cooperative offers its own catalogue products.
            assert offer.product.stockrecords.get().partner_id == participant.partner_id
    assert participants.filter(wants__isnull=False).distinct().count() >= 20
    assert all(p.attendees.exists() for p in participants)


def test_meetings_in_every_state_and_the_accepted_ones_scheduled(demo):
    event = Event.objects.get(conference__slug=SLUG)
    meetings = event.meetings.all()

    assert set(meetings.values_list("status", flat=True)) == set(MeetingStatus.values)
    accepted = meetings.filter(status=MeetingStatus.ACCEPTED)
    placed = accepted.filter(starts_at__isnull=False)
    assert placed.count() >= accepted.count() * 0.9 > 0
    assert Seat.objects.filter(meeting__event=event).count() == 2 * placed.count()


def test_the_demo_logins_take_part(demo):
    from django.contrib.auth import get_user_model

    event = Event.objects.get(conference__slug=SLUG)
    users = get_user_model().objects
    business = participant_of(user=users.get(email=LOGIN_EMAIL), event=event)
    coop = participant_of(user=users.get(email="dongbanh@htx.local"), event=event)

    assert business is not None and business.is_approved
    assert business.business.agreement_parties.exists()
    assert coop is not None and coop.is_approved
    assert event.meetings.filter(requester=business).exists()


def test_the_2024_conference_stays_as_it_was(demo):
    conference = Conference.objects.get(slug=CONFERENCE["slug"])

    assert conference.start_date == datetime.date(2024, 4, 25)
    assert not Event.objects.filter(conference=conference).exists()
    assert Agreement.objects.filter(conference=conference).count() == 28
    assert not Agreement.objects.filter(is_draft=True).exists()


def test_the_2027_conference_has_a_public_page_with_its_funnel(demo, client):
    from cms.models import ConferencePage

    page = ConferencePage.objects.get(conference__slug=SLUG)
    html = client.get(page.url).content.decode()

    assert 'id="conference-funnel"' in html


def test_the_demo_offers_are_found_by_the_market_search_without_accents(demo):
    from matchmaking.search import market_search

    event = Event.objects.get(conference__slug=SLUG)
    offer = Offer.objects.filter(
        participant__event=event, participant__status="approved"
    ).first()
    typed = fold_vi(offer.product.title).lower()
    found = market_search(event=event, kind="offer", text=typed)
    assert ("offer", offer.pk) in found
    want = Want.objects.filter(
        participant__event=event, participant__status="approved"
    ).first()
    assert ("want", want.pk) in market_search(
        event=event, kind="want", text=fold_vi(want.goods).lower()
    )
