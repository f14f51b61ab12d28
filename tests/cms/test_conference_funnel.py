"""The public conference page shows its matchmaking funnel: counts only,
never a name, and a matchmaking write is seen by the next (cached) reader."""

from matchmaking.models import MeetingStatus
from tests.factories.agreements import cooperative_create
from tests.factories.matchmaking import (
    event_create,
    meeting_create,
    participant_create,
    want_create,
)


def link_event(news_site):
    event = event_create()
    page = news_site.conference
    page.conference = event.conference
    page.save_revision().publish()
    return page, event


def test_the_page_shows_the_funnel_counts_and_no_name(client, news_site):
    page, event = link_event(news_site)
    coop = participant_create(
        event=event, partner=cooperative_create(name="HTX Bí Mật")
    )
    business = participant_create(event=event, name="Công ty Kín Đáo")
    want_create(participant=business)
    meeting_create(requester=business, invitee=coop, status=MeetingStatus.ACCEPTED)

    html = client.get(page.url).content.decode()

    assert 'id="conference-funnel"' in html
    assert 'data-step="participants"' in html
    assert '<strong class="mm-funnel__count">2</strong>' in html
    for name in ("HTX Bí Mật", "Công ty Kín Đáo", coop.contact_name, "Đại biểu"):
        assert name not in html


def test_a_conference_without_matchmaking_shows_no_funnel(client, news_site):
    html = client.get(news_site.conference.url).content.decode()

    assert 'id="conference-funnel"' not in html


def test_a_matchmaking_write_refreshes_the_cached_page(
    client, news_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page, event = link_event(news_site)
        participant_create(event=event)
    first = client.get(page.url)
    cached = client.get(page.url)
    with django_capture_on_commit_callbacks(execute=True):
        participant_create(event=event)
    after = client.get(page.url)

    assert cached["X-Page-Cache"] == "hit"
    assert '<strong class="mm-funnel__count">1</strong>' in first.content.decode()
    assert after.get("X-Page-Cache") != "hit"
    assert '<strong class="mm-funnel__count">2</strong>' in after.content.decode()
