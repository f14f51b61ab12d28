"""The day-before reminder: each participant with meetings tomorrow gets one
e-mail listing them, once."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from matchmaking.models import Meeting, MeetingStatus
from tests.factories.matchmaking import meeting_create, meeting_place, slot_at

pytestmark = pytest.mark.django_db


def test_the_reminder_goes_out_once_the_day_before(world):
    day = world.event.days.first()
    tables = list(world.event.tables.all())
    for i, other in enumerate((world.business, world.other)):
        meeting_place(
            meeting_create(
                requester=other, invitee=world.coop, status=MeetingStatus.ACCEPTED
            ),
            table=tables[i],
            starts_at=slot_at(day, i, 20),
        )
    later = world.event.days.last()
    meeting_place(
        meeting_create(
            requester=world.business, invitee=world.other, status=MeetingStatus.ACCEPTED
        ),
        table=tables[0],
        starts_at=slot_at(later, 0, 20),
    )
    eve = (day.date - datetime.timedelta(days=1)).isoformat()
    out = io.StringIO()
    call_command("matchmaking_remind", today=eve, stdout=out)
    assert "Reminded 3 participant(s)." in out.getvalue()
    assert "HTX Na Chi Lăng: 2 meeting(s)" in out.getvalue()
    coop_mail = next(m for m in mail.outbox if "coop_a@example.test" in m.to)
    assert "08:00" in coop_mail.body and "08:20" in coop_mail.body
    assert world.business.name in coop_mail.body
    assert Meeting.objects.filter(reminded_at__isnull=False).count() == 2

    sent = len(mail.outbox)
    out = io.StringIO()
    call_command("matchmaking_remind", today=eve, stdout=out)
    assert "Reminded 0 participant(s)." in out.getvalue()
    assert len(mail.outbox) == sent
