"""Another participant's profile hides phone and e-mail until a meeting
between the two is accepted; badges carry a QR code of the check-in URL."""

import re

import pytest
from django.urls import reverse

from matchmaking.models import MeetingStatus
from matchmaking.selectors.participation import contact_visible
from tests.factories.matchmaking import meeting_create

pytestmark = pytest.mark.django_db


def test_contact_shows_only_once_a_meeting_is_accepted(client, world):
    coop, business = world.coop_participant, world.business_participant
    url = reverse(
        "matchmaking:participant-detail", kwargs={"slug": world.slug, "pk": coop.pk}
    )
    client.force_login(world.business_user)
    assert coop.contact_phone not in client.get(url).content.decode()
    assert not contact_visible(viewer=business, other=coop)
    meeting = meeting_create(requester=business, invitee=coop)
    assert not contact_visible(viewer=business, other=coop)
    assert coop.contact_email not in client.get(url).content.decode()
    meeting.status = MeetingStatus.ACCEPTED
    meeting.save()
    assert contact_visible(viewer=business, other=coop)
    assert contact_visible(viewer=coop, other=business)
    page = client.get(url).content.decode()
    assert coop.contact_phone in page and coop.contact_email in page
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    assert not contact_visible(viewer=business, other=coop)


def test_badges_hold_an_inline_qr_of_the_check_in_url(client, world):
    attendee = world.coop_participant.attendees.get()
    client.force_login(world.coop_user)
    url = reverse(
        "matchmaking:badges",
        kwargs={"slug": world.slug, "pk": world.coop_participant.pk},
    )
    response = client.get(url)
    (card,) = response.context["cards"]
    assert (
        card["url"]
        == f"http://testserver/ket-noi/{world.slug}/diem-danh/{attendee.badge_code}/"
    )
    page = response.content.decode()
    assert re.search(r"<svg[^>]*>", page)
    assert attendee.full_name in page and world.coop_participant.name in page
    assert "@media print" in open("static/matchmaking/participation.css").read()
