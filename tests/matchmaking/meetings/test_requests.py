"""Asking for a meeting, answering, cancelling: every rule and its clear
error, and the e-mails that go out."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from marketplace.core import roles
from matchmaking.models import Meeting, MeetingStatus, ParticipantStatus, Seat
from matchmaking.services.meetings import (
    meeting_cancel,
    meeting_request,
    meeting_respond,
)
from tests.factories.catalogue import product_create
from tests.factories.matchmaking import (
    meeting_create,
    meeting_place,
    offer_create,
    participant_create,
    slot_at,
    want_create,
)

pytestmark = pytest.mark.django_db(transaction=False)


def test_a_business_asks_a_cooperative_and_the_cooperative_is_told(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_request(
            requester=world.business, invitee=world.coop, message="Xin gặp về na."
        )
    assert meeting.status == MeetingStatus.REQUESTED
    assert meeting.pair == "-".join(
        str(pk) for pk in sorted((world.business.pk, world.coop.pk))
    )
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([world.coop.contact_email, "coop_a@example.test"])
    assert world.business.name in mail.outbox[0].subject
    assert "Xin gặp về na." in mail.outbox[0].body
    assert f"/gap/{meeting.pk}/" in mail.outbox[0].body


def test_any_two_participants_may_meet_two_businesses_too(world):
    meeting = meeting_request(requester=world.business, invitee=world.other, message="")
    assert meeting.invitee == world.other


@pytest.mark.parametrize("days", [-11, 11])
def test_outside_the_registration_window_is_refused(world, days):
    today = datetime.date.today() + datetime.timedelta(days=days)
    with pytest.raises(ValidationError, match="only while registration is open"):
        meeting_request(
            requester=world.business, invitee=world.coop, message="", today=today
        )
    assert not Meeting.objects.exists()


def test_a_meeting_with_oneself_is_refused(world):
    with pytest.raises(ValidationError, match="your own organisation"):
        meeting_request(requester=world.coop, invitee=world.coop, message="")


def test_a_user_of_both_sides_cannot_ask_their_other_organisation(world):
    # Acting for a business takes its staff role too (an approved claim).
    world.business.business.users.add(world.coop_user)
    world.coop_user.groups.add(Group.objects.get(name=roles.BUSINESS_STAFF))
    with pytest.raises(ValidationError, match="your own organisation"):
        meeting_request(
            requester=world.coop, invitee=world.business, message="", by=world.coop_user
        )


@pytest.mark.parametrize("reverse", [False, True])
def test_a_second_request_between_the_same_pair_is_refused_either_way(world, reverse):
    meeting_request(requester=world.business, invitee=world.coop, message="")
    requester, invitee = (
        (world.coop, world.business) if reverse else (world.business, world.coop)
    )
    with pytest.raises(ValidationError, match="already an open meeting request"):
        meeting_request(requester=requester, invitee=invitee, message="")


def test_a_new_request_is_allowed_once_the_last_was_declined(world):
    first = meeting_request(requester=world.business, invitee=world.coop, message="")
    meeting_respond(meeting=first, participant=world.coop, accept=False)
    again = meeting_request(requester=world.business, invitee=world.coop, message="")
    assert again.pk != first.pk


def test_the_race_of_two_requests_ends_in_the_clear_error(world, monkeypatch):
    # Both sides asked at the same moment: the check saw nothing, the
    # database's meeting_pair_once refused the second row.
    meeting_create(requester=world.coop, invitee=world.business)
    monkeypatch.setattr(
        "matchmaking.services.meetings.open_meeting_between", lambda **kw: None
    )
    with pytest.raises(ValidationError, match="already an open meeting request"):
        meeting_request(requester=world.business, invitee=world.coop, message="")


@pytest.mark.parametrize(
    "status", [ParticipantStatus.PENDING, ParticipantStatus.REJECTED]
)
def test_an_invitee_not_approved_is_refused(world, status):
    pending = participant_create(event=world.event, status=status)
    with pytest.raises(ValidationError, match="not been approved"):
        meeting_request(requester=world.business, invitee=pending, message="")


def test_an_offer_or_a_want_of_a_third_participant_is_refused(world):
    stranger_offer = offer_create(participant=world.other, product=product_create())
    with pytest.raises(ValidationError) as error:
        meeting_request(
            requester=world.business,
            invitee=world.coop,
            message="",
            offer=stranger_offer,
        )
    assert "offer" in error.value.error_dict
    own_want = want_create(participant=world.business)
    meeting = meeting_request(
        requester=world.business, invitee=world.coop, message="", want=own_want
    )
    assert meeting.want == own_want


def test_the_invitee_accepts_and_the_requester_is_told(
    world, django_capture_on_commit_callbacks
):
    meeting = meeting_create(requester=world.business, invitee=world.coop)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_respond(meeting=meeting, participant=world.coop, accept=True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED
    assert meeting.responded_at is not None
    assert {a for m in mail.outbox for a in m.to} == {
        world.business.contact_email,
        "dn_a@example.test",
    }
    assert "accepted" in mail.outbox[0].subject or "chấp nhận" in mail.outbox[0].subject


def test_a_decline_keeps_its_reason_and_tells_the_requester(
    world, django_capture_on_commit_callbacks
):
    meeting = meeting_create(requester=world.business, invitee=world.coop)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_respond(
            meeting=meeting, participant=world.coop, accept=False, reason="Hết hàng"
        )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.decline_reason) == ("declined", "Hết hàng")
    assert "Hết hàng" in mail.outbox[0].body


def test_only_the_invitee_answers_and_only_once(world):
    meeting = meeting_create(requester=world.business, invitee=world.coop)
    with pytest.raises(ValidationError, match="Only the participant asked"):
        meeting_respond(meeting=meeting, participant=world.business, accept=True)
    meeting_respond(meeting=meeting, participant=world.coop, accept=True)
    with pytest.raises(ValidationError, match="already been answered"):
        meeting_respond(meeting=meeting, participant=world.coop, accept=False)


def _placed(world):
    meeting = meeting_create(
        requester=world.business, invitee=world.coop, status=MeetingStatus.ACCEPTED
    )
    day = world.event.days.first()
    table = world.event.tables.first()
    return meeting_place(meeting, table=table, starts_at=slot_at(day, 0, 20))


@pytest.mark.parametrize("side", ["business", "coop"])
def test_either_side_cancels_before_the_day_and_the_slot_is_freed(world, side):
    meeting = _placed(world)
    meeting_cancel(meeting=meeting, by=getattr(world, side))
    meeting.refresh_from_db()
    assert (meeting.status, meeting.starts_at, meeting.table) == (
        "cancelled",
        None,
        None,
    )
    assert not Seat.objects.exists()


def test_cancelling_on_the_day_is_refused(world):
    meeting = _placed(world)
    on_the_day = world.event.days.first().date
    with pytest.raises(ValidationError, match="only before its day"):
        meeting_cancel(meeting=meeting, by=world.coop, today=on_the_day)
    assert Seat.objects.count() == 2


def test_a_third_participant_cannot_cancel(world):
    meeting = _placed(world)
    with pytest.raises(ValidationError, match="Only the two sides"):
        meeting_cancel(meeting=meeting, by=world.other)


def test_a_closed_meeting_cannot_be_cancelled_again(world):
    meeting = meeting_create(
        requester=world.business, invitee=world.coop, status=MeetingStatus.DECLINED
    )
    with pytest.raises(ValidationError, match="no longer open"):
        meeting_cancel(meeting=meeting, by=world.coop)


def test_the_database_still_refuses_a_pair_twice(world):
    meeting_create(requester=world.business, invitee=world.coop)
    with pytest.raises(IntegrityError):
        meeting_create(requester=world.coop, invitee=world.business)
