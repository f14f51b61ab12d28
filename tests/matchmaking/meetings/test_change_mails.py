"""A cancelled or moved meeting is e-mailed to whoever did not change it:
the other side when one side did, both sides when the organisers did."""

from django.core import mail

from matchmaking.models import MeetingStatus
from matchmaking.services.meetings import meeting_cancel, meeting_move
from tests.factories.matchmaking import meeting_create, meeting_place, slot_at


def _placed(world):
    meeting = meeting_create(
        requester=world.business, invitee=world.coop, status=MeetingStatus.ACCEPTED
    )
    day, table = world.event.days.first(), world.event.tables.first()
    return meeting_place(meeting, table=table, starts_at=slot_at(day, 0, 20))


def _recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_a_cancellation_is_mailed_to_the_other_side_only(
    world, django_capture_on_commit_callbacks
):
    meeting = _placed(world)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, by=world.business)

    assert "coop_a@example.test" in _recipients()
    assert "dn_a@example.test" not in _recipients()
    message = mail.outbox[0]
    assert world.business.name in message.subject
    assert "cancelled" in message.subject
    assert f"/gap/{meeting.pk}/" in message.body


def test_a_new_time_is_mailed_to_the_other_side_with_the_time_and_table(
    world, django_capture_on_commit_callbacks
):
    meeting = _placed(world)
    target = slot_at(world.event.days.last(), 2, 20)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_move(meeting=meeting, starts_at=target, by=world.coop)

    assert "dn_a@example.test" in _recipients()
    assert "coop_a@example.test" not in _recipients()
    body = mail.outbox[0].body
    assert target.strftime("%d/%m/%Y") in body
    assert "08:40" in body
    assert meeting.table.name in body


def test_the_organisers_cancelling_tells_both_sides(
    world, django_capture_on_commit_callbacks
):
    meeting = _placed(world)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, by=None)

    assert {"coop_a@example.test", "dn_a@example.test"} <= _recipients()
    assert all("organisers" in message.body for message in mail.outbox)
