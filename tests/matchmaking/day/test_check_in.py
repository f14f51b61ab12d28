"""Check-in by badge: the page, twice, an unknown code, who may, arrivals."""

import pytest
from django.urls import reverse

from matchmaking.models import Attendee
from tests.factories.matchmaking import participant_create


def badge_url(day, attendee) -> str:
    return reverse("matchmaking:check-in-badge", args=[day.slug, attendee.badge_code])


def test_the_badge_page_shows_the_attendee_their_organisation_and_meetings(client, day):
    attendee = day.coop.attendees.get()
    client.force_login(day.staff)

    html = client.get(badge_url(day, attendee)).content.decode()

    assert attendee.full_name in html
    assert "HTX Na Chi Lăng" in html
    assert day.business.name in html  # today's meeting, with the other side
    assert 'id="check-in-button"' in html


def test_checking_in_twice_says_when_and_changes_nothing(client, day):
    attendee = day.coop.attendees.get()
    client.force_login(day.staff)

    first = client.post(badge_url(day, attendee), follow=True)
    attendee.refresh_from_db()
    checked_at = attendee.checked_in_at
    second = client.post(badge_url(day, attendee), follow=True)
    attendee.refresh_from_db()

    assert first.status_code == second.status_code == 200
    assert checked_at is not None and attendee.checked_in_by == day.staff
    assert attendee.checked_in_at == checked_at
    html = second.content.decode()
    assert "already checked in at" in html
    assert 'id="checked-in"' in html and 'id="check-in-button"' not in html


def test_an_unknown_code_gets_a_clear_404_page(client, day):
    client.force_login(day.staff)

    response = client.get(
        reverse("matchmaking:check-in-badge", args=[day.slug, "no-such-code"])
    )

    assert response.status_code == 404
    assert 'id="badge-unknown"' in response.content.decode()


def test_a_badge_of_another_conference_is_unknown_here(client, day):
    from tests.factories.matchmaking import event_create

    other = participant_create(event=event_create())
    client.force_login(day.staff)

    response = client.get(badge_url(day, other.attendees.get()))

    assert response.status_code == 404


def test_the_code_box_opens_the_badge(client, day):
    attendee = day.coop.attendees.get()
    client.force_login(day.staff)

    response = client.get(
        reverse("matchmaking:check-in", args=[day.slug]), {"code": attendee.badge_code}
    )

    assert response.status_code == 302
    assert response["Location"] == badge_url(day, attendee)


@pytest.mark.parametrize("who", ["coop_user", "business_user"])
def test_participants_cannot_check_in(client, day, who):
    attendee = day.coop.attendees.get()
    client.force_login(getattr(day, who))

    assert (
        client.get(reverse("matchmaking:check-in", args=[day.slug])).status_code == 404
    )
    assert client.post(badge_url(day, attendee)).status_code == 404
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, day):
    response = client.get(reverse("matchmaking:check-in", args=[day.slug]))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_arrivals_count_and_search_by_name(client, day):
    coop_attendee = day.coop.attendees.get()
    client.force_login(day.staff)
    client.post(badge_url(day, coop_attendee))

    html = client.get(
        reverse("matchmaking:check-in", args=[day.slug]), {"q": "Na Chi"}
    ).content.decode()

    assert "1 of 2 people arrived" in html
    assert coop_attendee.full_name in html
    assert day.business.attendees.get().full_name not in html


def test_the_check_in_page_serves_arrivals_in_fixed_queries(client, day, count_queries):
    client.force_login(day.staff)
    url = reverse("matchmaking:check-in", args=[day.slug])
    client.get(url)  # warms what a first request reads once (content types)
    _response, few = count_queries(client.get, url)
    for _ in range(5):
        participant = participant_create(event=day.event, attendees=3)
        Attendee.objects.filter(participant=participant).update(
            checked_in_at=day.meeting.starts_at
        )

    _response, many = count_queries(client.get, url)

    assert many == few


def test_the_page_loads_its_script_and_no_inline_script(client, day):
    client.force_login(day.staff)

    html = client.get(reverse("matchmaking:check-in", args=[day.slug])).content.decode()

    assert "matchmaking/check-in.js" in html
    assert "data-check-in-scanner" in html
