"""Reminders (``manage.py agreements_remind``): a link to the item, at most
once a week for an overdue item, to the people in charge and the parties,
and a printed account of what was sent."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from agreements import services
from agreements.models import AgreementParty, Difficulty, FollowUp
from agreements.reminders import reminders_send
from tests.factories.agreements import (
    agreement_create,
    business_create,
    cooperative_create,
    cooperative_user_create,
    staff_user_create,
)

pytestmark = pytest.mark.django_db

D = datetime.date
BASE = "https://htx.example"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE + "/"


def _sent() -> dict[str, list]:
    """Return the outbox by address."""
    by_address: dict[str, list] = {}
    for message in mail.outbox:
        (address,) = message.to
        by_address.setdefault(address, []).append(message)
    return by_address


@pytest.fixture
def register():
    """An agreement (signed 25/04/2024) with staff in charge, a cooperative
    with one user, a business with an e-mail, and its follow-ups."""
    staff = staff_user_create(username="canbo")
    coop = cooperative_create()
    cooperative_user_create(partner=coop, username="htxuser")
    business = business_create(email="mua@doanhnghiep.test")
    agreement = agreement_create(
        partner=coop,
        business=business,
        signed_on=D(2024, 4, 25),
        staff_in_charge=staff,
    )
    services.follow_ups_schedule(agreement=agreement)
    return agreement


def _difficulty(agreement, **fields) -> Difficulty:
    return Difficulty.objects.create(
        agreement=agreement,
        kind=Difficulty.Kind.LOGISTICS,
        description="Xe lạnh chưa về kịp vụ na",
        agency="Sở Công Thương",
        deadline=fields.pop("deadline", D(2024, 6, 1)),
        raised_on=D(2024, 5, 20),
        **fields,
    )


def test_follow_up_reminder_goes_to_staff_in_charge_and_every_party_with_a_link(
    register,
):
    # Given the month-1 follow-up due on 25/05, when the run is on 24/05
    reminders_send(today=D(2024, 5, 24))

    # Then one e-mail each to the staff in charge, the cooperative's user
    # and the business, each linking to the agreement
    sent = _sent()
    assert sorted(sent) == [
        "canbo@example.test",
        "htxuser@example.test",
        "mua@doanhnghiep.test",
    ]
    link = f"{BASE}/agreements/{register.pk}/"
    for (message,) in sent.values():
        assert link in message.body
        assert message.subject == f"Đến hạn theo dõi: thỏa thuận {register.number}"
        assert "\n" not in message.subject


def test_nobody_in_charge_falls_back_to_the_agreements_staff(register):
    staff_user_create(username="canbo2")
    register.staff_in_charge = None
    register.save()

    reminders_send(today=D(2024, 5, 24))

    assert sorted(_sent()) == [
        "canbo2@example.test",
        "canbo@example.test",
        "htxuser@example.test",
        "mua@doanhnghiep.test",
    ]


def test_someone_in_charge_means_the_other_staff_get_nothing(register):
    staff_user_create(username="canbo2")

    reminders_send(today=D(2024, 5, 24))

    assert "canbo2@example.test" not in _sent()


def test_overdue_difficulty_is_reminded_at_most_once_a_week(register):
    assignee = staff_user_create(username="phutrach")
    difficulty = _difficulty(register, assignee=assignee)
    days = [D(2024, 6, 2) + datetime.timedelta(days=n) for n in range(15)]

    reminded = []
    for day in days:
        mail.outbox.clear()
        reminders_send(today=day)
        if "phutrach@example.test" in _sent():
            reminded.append(day)

    assert reminded == [D(2024, 6, 2), D(2024, 6, 9), D(2024, 6, 16)]
    difficulty.refresh_from_db()
    assert difficulty.reminded_on == D(2024, 6, 16)


def test_overdue_follow_up_is_reminded_at_most_once_a_week(register):
    reminded = []
    for n in range(10):
        day = D(2024, 5, 26) + datetime.timedelta(days=n)
        mail.outbox.clear()
        reminders_send(today=day)
        if any("Quá hạn" in m.subject for m in mail.outbox):
            reminded.append(day)

    # The month-1 check-in falls due on 25/05: reminded on the first run
    # after, then not again for a week.
    assert reminded == [D(2024, 5, 26), D(2024, 6, 2)]


def test_difficulty_reminder_links_staff_to_the_difficulty_and_parties_to_the_agreement(
    register,
):
    assignee = staff_user_create(username="phutrach")
    difficulty = _difficulty(register, assignee=assignee)
    FollowUp.objects.update(reminded_on=D(2024, 6, 1))

    reminders_send(today=D(2024, 6, 3))

    sent = _sent()
    assert sorted(sent) == [
        "htxuser@example.test",
        "mua@doanhnghiep.test",
        "phutrach@example.test",
    ]
    (to_staff,) = sent["phutrach@example.test"]
    assert (
        BASE + reverse("agreements:difficulty-update", args=[difficulty.pk])
        in to_staff.body
    )
    (to_coop,) = sent["htxuser@example.test"]
    assert f"{BASE}/agreements/{register.pk}/" in to_coop.body
    assert "Xe lạnh chưa về kịp vụ na" in to_coop.body
    assert to_coop.subject == (f"Khó khăn quá hạn xử lý: thỏa thuận {register.number}")


def test_difficulty_on_a_shared_agreement_goes_only_to_the_cooperative_that_raised_it(
    register,
):
    other = cooperative_create()
    cooperative_user_create(partner=other, username="htxkhac")
    AgreementParty.objects.create(
        agreement=register, partner=other, role=AgreementParty.Role.SUPPLIER
    )
    raiser = cooperative_user_create(partner=other, username="htxnguoineu")
    _difficulty(register, raised_by=raiser)
    FollowUp.objects.update(reminded_on=D(2024, 6, 1))

    reminders_send(today=D(2024, 6, 3))

    sent = _sent()
    assert "htxuser@example.test" not in sent
    assert {"htxkhac@example.test", "htxnguoineu@example.test"} <= set(sent)
    assert "canbo@example.test" in sent


def test_difficulty_staff_raised_on_a_shared_agreement_goes_to_no_cooperative(
    register,
):
    other = cooperative_create()
    cooperative_user_create(partner=other, username="htxkhac")
    AgreementParty.objects.create(
        agreement=register, partner=other, role=AgreementParty.Role.SUPPLIER
    )
    _difficulty(register, raised_by=register.staff_in_charge)
    FollowUp.objects.update(reminded_on=D(2024, 6, 1))

    reminders_send(today=D(2024, 6, 3))

    assert sorted(_sent()) == ["canbo@example.test", "mua@doanhnghiep.test"]


def test_resolved_and_cancelled_items_are_not_reminded(register):
    _difficulty(register, status=Difficulty.Status.RESOLVED, resolution="Đã xong")
    services.agreement_cancel(agreement=register, reason="Giải thể")

    run = reminders_send(today=D(2024, 6, 3))

    assert (run.sent, mail.outbox) == ([], [])


def test_the_command_prints_each_e_mail_and_a_total(register):
    out = io.StringIO()

    call_command("agreements_remind", "--date", "2024-05-24", stdout=out)

    lines = out.getvalue().splitlines()
    follow_up = FollowUp.objects.get(agreement=register, kind="month_1")
    assert lines[:3] == [
        f"{address} ({audience}): agreement {register.number}, "
        f"follow-up {follow_up.pk} (month_1, due 2024-05-25)"
        for address, audience in [
            ("canbo@example.test", "staff"),
            ("htxuser@example.test", "party"),
            ("mua@doanhnghiep.test", "party"),
        ]
    ]
    assert lines[3] == "3 e-mails: 1 follow-ups, 0 overdue difficulties."
    assert len(mail.outbox) == 3
