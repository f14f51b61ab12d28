"""Outcomes: one side, both "MOU to sign" → one draft agreement in the
register with both parties, the conference and a line; double submit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import Agreement, AgreementParty, FollowUp
from matchmaking.models import Attendance, MeetingStatus, Outcome
from matchmaking.services.outcomes import meeting_outcome_record
from tests.factories.matchmaking import meeting_create, participant_create


def outcome_url(day) -> str:
    return reverse("matchmaking:meeting-outcome", args=[day.slug, day.meeting.pk])


def test_one_side_records_its_outcome_and_no_draft_opens(client, day):
    client.force_login(day.coop_user)

    response = client.post(outcome_url(day), {"action": "outcome", "outcome": "mou"})

    day.meeting.refresh_from_db()
    assert response.status_code == 302
    assert day.meeting.invitee_outcome == Outcome.MOU
    assert day.meeting.requester_outcome == Outcome.NONE
    assert day.meeting.agreement is None


def test_both_sides_mou_open_one_draft_with_both_parties_and_a_line(client, day):
    client.force_login(day.coop_user)
    client.post(outcome_url(day), {"action": "outcome", "outcome": "mou"})
    client.force_login(day.business_user)
    response = client.post(
        outcome_url(day), {"action": "outcome", "outcome": "mou"}, follow=True
    )

    day.meeting.refresh_from_db()
    agreement = day.meeting.agreement
    assert "draft agreement is opened" in response.content.decode()
    assert agreement.is_draft
    assert agreement.conference == day.event.conference
    assert agreement.number == f"NHAP-{day.slug.upper()}-{day.meeting.pk}"
    assert agreement.signed_on == day.day.date
    assert (agreement.valid_from, agreement.valid_until) == (
        day.want.deliver_from,
        day.want.deliver_until,
    )
    parties = {(p.role, p.partner_id, p.business_id) for p in agreement.parties.all()}
    assert parties == {
        (AgreementParty.Role.SUPPLIER, day.coop.partner_id, None),
        (AgreementParty.Role.BUYER, None, day.business.business_id),
    }
    (line,) = agreement.commitments.all()
    assert line.product == day.product and line.unit == "kg"
    # 400 kg a month over the three months of the delivery window, at the
    # middle of the offer's price range (50,000 dong).
    assert line.quantity == Decimal("1200.00")
    assert line.value == 1200 * 50_000
    # A draft is followed up only once signed.
    assert not FollowUp.objects.filter(agreement=agreement).exists()


def test_a_double_submit_opens_one_draft(day):
    meeting_outcome_record(meeting=day.meeting, participant=day.coop, outcome="mou")
    for _ in range(2):
        meeting_outcome_record(
            meeting=day.meeting, participant=day.business, outcome="mou"
        )
    meeting_outcome_record(meeting=day.meeting, participant=day.coop, outcome="mou")

    assert Agreement.objects.filter(number__startswith="NHAP-").count() == 1


def test_a_meeting_without_price_or_window_gets_a_year_and_a_placeholder(day):
    day.offer.price_min = day.offer.price_max = None
    day.offer.save()
    day.want.deliver_from = day.want.deliver_until = None
    day.want.save()

    meeting_outcome_record(meeting=day.meeting, participant=day.coop, outcome="mou")
    meeting = meeting_outcome_record(
        meeting=day.meeting, participant=day.business, outcome="mou"
    )

    agreement = meeting.agreement
    assert agreement.valid_until == agreement.valid_from.replace(
        year=agreement.valid_from.year + 1
    ) - datetime.timedelta(days=1)
    assert agreement.commitments.get().value == 1


def test_no_outcome_before_the_meeting_or_after_a_no_show(day):
    future = meeting_create(
        requester=participant_create(event=day.event),
        invitee=day.coop,
        status=MeetingStatus.REQUESTED,
    )
    with pytest.raises(ValidationError):
        meeting_outcome_record(meeting=future, participant=day.coop, outcome="mou")

    day.meeting.attendance = Attendance.NO_SHOW
    day.meeting.save()
    with pytest.raises(ValidationError):
        meeting_outcome_record(
            meeting=day.meeting, participant=day.coop, outcome="follow_up"
        )


def test_another_participant_and_outsiders_get_404(client, day):
    from tests.factories.agreements import cooperative_create, cooperative_user_create

    other = participant_create(event=day.event, partner=cooperative_create())
    client.force_login(cooperative_user_create(partner=other.partner, username="o"))
    assert client.get(outcome_url(day)).status_code == 404

    client.force_login(
        cooperative_user_create(partner=cooperative_create(), username="outsider")
    )
    assert client.get(outcome_url(day)).status_code == 404


def test_each_side_and_staff_see_the_page_anonymous_logs_in(client, day):
    assert client.get(outcome_url(day)).status_code == 302
    for user in (day.coop_user, day.business_user, day.staff):
        client.force_login(user)
        assert client.get(outcome_url(day)).status_code == 200


def test_a_bad_choice_keeps_the_form_with_an_error(client, day):
    client.force_login(day.coop_user)

    response = client.post(outcome_url(day), {"action": "outcome", "outcome": "x"})

    assert response.status_code == 400
    assert "ag-error" in response.content.decode()
