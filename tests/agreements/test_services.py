"""Services: over-delivery flag, follow-up schedule, reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from agreements import services
from agreements.models import FollowUp
from tests.factories.agreements import (
    agreement_create,
    cooperative_create,
    cooperative_user_create,
    report_create,
    staff_user_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


D = datetime.date


def test_follow_ups_at_1_3_6_months_and_each_milestone_idempotent():
    agreement = agreement_create(
        signed_on=D(2024, 4, 25),
        milestones=[(D(2024, 9, 1), 50), (D(2024, 12, 1), 100)],
    )

    created = services.follow_ups_schedule(agreement=agreement)
    again = services.follow_ups_schedule(agreement=agreement)

    assert (created, again) == (5, 0)
    assert list(agreement.follow_ups.values_list("kind", "due_on")) == [
        ("month_1", D(2024, 5, 25)),
        ("month_3", D(2024, 7, 25)),
        ("milestone", D(2024, 9, 1)),
        ("month_6", D(2024, 10, 25)),
        ("milestone", D(2024, 12, 1)),
    ]


def test_delivery_past_100_percent_is_accepted_and_flagged():
    staff = staff_user_create()
    agreement = agreement_create()
    line = agreement.commitments.get()
    report_create(
        commitment=line, delivered_on=D(2024, 6, 1), quantity=90, value=9_000_000
    )

    report = services.delivery_report_record(
        commitment=line,
        user=staff,
        delivered_on=D(2024, 7, 1),
        quantity=Decimal(20),
        value=2_000_000,
        today=D(2024, 7, 2),
    )

    assert report.over_commitment is True
    assert report.verified_at is not None


def test_cancelled_agreement_takes_no_delivery():
    staff = staff_user_create()
    agreement = agreement_create()
    services.agreement_cancel(agreement=agreement, reason="Giải thể")

    with pytest.raises(ValidationError, match="cancelled"):
        services.delivery_report_record(
            commitment=agreement.commitments.get(),
            user=staff,
            delivered_on=D(2024, 6, 1),
            quantity=Decimal(1),
            value=1,
            today=D(2024, 7, 1),
        )


def test_cancel_without_reason_is_refused():
    with pytest.raises(ValidationError, match="reason"):
        services.agreement_cancel(agreement=agreement_create(), reason="  ")


def test_reminders_go_to_staff_in_charge_and_cooperative_users_once_a_day():
    staff = staff_user_create()
    coop = cooperative_create()
    cooperative_user_create(partner=coop, username="htxuser")
    agreement = agreement_create(
        partner=coop, signed_on=D(2024, 4, 25), staff_in_charge=staff
    )
    services.follow_ups_schedule(agreement=agreement)

    call_command("agreements_remind", "--date", "2024-05-24")
    call_command("agreements_remind", "--date", "2024-05-24")

    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert recipients == ["htxuser@example.test", "staff@example.test"]
    assert FollowUp.objects.get(kind="month_1").reminded_on == D(2024, 5, 24)
