"""The funnel: counts of each step, a fixed number of queries, the staff's
page, the register's conference dashboard."""

from django.urls import reverse

from agreements.drafts import agreement_sign
from matchmaking.models import Attendance, MeetingStatus
from matchmaking.selectors.funnel import conference_funnel
from matchmaking.services.outcomes import meeting_outcome_record
from tests.factories.catalogue import product_create
from tests.factories.matchmaking import (
    meeting_create,
    offer_create,
    participant_create,
    want_create,
)


def mou(day):
    meeting_outcome_record(meeting=day.meeting, participant=day.coop, outcome="mou")
    return meeting_outcome_record(
        meeting=day.meeting, participant=day.business, outcome="mou"
    )


def test_the_funnel_counts_each_step(day):
    participant_create(event=day.event, status="pending")
    extra = participant_create(event=day.event)
    want_create(participant=extra)
    meeting_create(requester=extra, invitee=day.coop, status=MeetingStatus.DECLINED)
    day.meeting.attendance = Attendance.HELD
    day.meeting.save()
    meeting = mou(day)

    funnel = conference_funnel(event=day.event)
    assert (funnel.participants, funnel.with_offers, funnel.with_wants) == (3, 1, 2)
    assert (funnel.offers, funnel.wants) == (1, 2)
    assert (funnel.requested, funnel.accepted, funnel.held) == (2, 1, 1)
    assert (funnel.mous_to_sign, funnel.mous_signed) == (1, 0)
    assert funnel.fulfilment_percent is None

    agreement_sign(agreement=meeting.agreement, signed_on=day.day.date)
    funnel = conference_funnel(event=day.event)
    assert funnel.mous_signed == 1
    assert funnel.committed_value == meeting.agreement.commitments.get().value
    assert funnel.fulfilment_percent == 0.0
    assert [step.count for step in funnel.steps] == [3, 1, 2, 2, 1, 1, 1, 1]


def test_the_funnel_takes_a_fixed_number_of_queries(day, count_queries):
    meeting = mou(day)
    agreement_sign(agreement=meeting.agreement, signed_on=day.day.date)
    _funnel, few = count_queries(conference_funnel, event=day.event)
    for n in range(6):
        participant = participant_create(event=day.event)
        offer_create(
            participant=participant,
            product=product_create(title=f"Sản phẩm {n}", image=False),
        )
        meeting_create(requester=participant, invitee=day.coop)

    _funnel, many = count_queries(conference_funnel, event=day.event)

    assert many == few <= 4


def test_staff_see_the_results_page_others_do_not(client, day):
    meeting = mou(day)
    url = reverse("matchmaking:funnel", args=[day.slug])

    assert client.get(url).status_code == 302
    for user in (day.coop_user, day.business_user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(day.staff)
    html = client.get(url).content.decode()

    assert 'class="mm-funnel"' in html
    assert meeting.agreement.number in html


def test_the_registers_conference_dashboard_shows_the_funnel(client, day):
    client.force_login(day.staff)

    html = client.get(
        reverse("agreements:dashboard-conference", args=[day.slug])
    ).content.decode()

    assert 'id="matchmaking-funnel"' in html
    assert reverse("matchmaking:funnel", args=[day.slug]) in html
