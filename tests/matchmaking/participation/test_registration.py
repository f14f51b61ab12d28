"""Registering a participant profile (inside the window, with attendees),
editing it, conference settings, and staff's approval with its e-mails."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Event, Participant, ParticipantStatus
from tests.factories.agreements import conference_create
from tests.factories.cooperatives import LANG_SON

pytestmark = pytest.mark.django_db


def _profile_data(**overrides):
    data = {
        "summary": "Na dai, mật ong rừng",
        "province_code": str(LANG_SON),
        "contact_name": "Chị Lan",
        "contact_phone": "0912345678",
        "contact_email": "lan@htx.test",
        "attendees-TOTAL_FORMS": "2",
        "attendees-INITIAL_FORMS": "0",
        "attendees-MIN_NUM_FORMS": "1",
        "attendees-MAX_NUM_FORMS": "1000",
        "attendees-0-full_name": "Nguyễn Thị Lan",
        "attendees-0-position": "Giám đốc",
        "attendees-1-full_name": "",
    }
    data.update(overrides)
    return data


def test_a_cooperative_registers_inside_the_window(client, world):
    client.force_login(world.other_user)
    url = reverse("matchmaking:participant-register", kwargs={"slug": world.slug})
    response = client.post(url, _profile_data())
    assert response.status_code == 302
    participant = Participant.objects.get(partner=world.other_coop.partner)
    assert participant.status == ParticipantStatus.PENDING
    assert participant.name == world.other_coop.partner.name
    assert participant.registered_by == world.other_user
    assert [a.full_name for a in participant.attendees.all()] == ["Nguyễn Thị Lan"]
    # Registered once: the register page now leads to the profile.
    assert client.get(url)["Location"].endswith("/ho-so/")


def test_registration_outside_the_window_is_refused_and_the_form_kept(client, world):
    today = timezone.localdate()
    Event.objects.filter(pk=world.event.pk).update(
        registration_opens=today - datetime.timedelta(days=20),
        registration_closes=today - datetime.timedelta(days=1),
    )
    client.force_login(world.other_user)
    url = reverse("matchmaking:participant-register", kwargs={"slug": world.slug})
    response = client.post(url, _profile_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Chị Lan" in response.content.decode()
    assert not Participant.objects.filter(partner=world.other_coop.partner).exists()


def test_registration_needs_one_attendee(client, world):
    client.force_login(world.other_user)
    url = reverse("matchmaking:participant-register", kwargs={"slug": world.slug})
    response = client.post(url, _profile_data(**{"attendees-0-full_name": ""}))
    assert response.status_code == 200
    assert not Participant.objects.filter(partner=world.other_coop.partner).exists()


def test_a_participant_edits_its_profile_and_attendees(client, world):
    participant = world.coop_participant
    attendee = participant.attendees.get()
    client.force_login(world.coop_user)
    url = reverse("matchmaking:participant-profile", kwargs={"slug": world.slug})
    data = _profile_data(
        **{
            "contact_name": "Anh Hùng",
            "attendees-TOTAL_FORMS": "2",
            "attendees-INITIAL_FORMS": "1",
            "attendees-0-id": str(attendee.pk),
            "attendees-0-participant": str(participant.pk),
            "attendees-0-full_name": "Hoàng Văn Hùng",
            "attendees-1-full_name": "Lý Thị Mai",
        }
    )
    assert client.post(url, data).status_code == 302
    participant.refresh_from_db()
    assert participant.contact_name == "Anh Hùng"
    assert sorted(a.full_name for a in participant.attendees.all()) == [
        "Hoàng Văn Hùng",
        "Lý Thị Mai",
    ]
    # The edited attendee keeps its badge code.
    assert participant.attendees.filter(badge_code=attendee.badge_code).exists()


def test_staff_open_matchmaking_for_a_conference_without_one(client, world):
    conference = conference_create(name="Hội nghị mới", slug="hoi-nghi-moi")
    client.force_login(world.staff)
    url = reverse("matchmaking:event-settings", kwargs={"slug": conference.slug})
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "registration_opens": today.isoformat(),
            "registration_closes": (today - datetime.timedelta(days=1)).isoformat(),
            "slot_minutes": "20",
        },
    )
    assert response.status_code == 200  # closes before it opens: refused, kept
    assert not Event.objects.filter(conference=conference).exists()
    response = client.post(
        url,
        {
            "registration_opens": today.isoformat(),
            "registration_closes": (today + datetime.timedelta(days=9)).isoformat(),
            "slot_minutes": "15",
        },
    )
    assert response.status_code == 302
    assert Event.objects.get(conference=conference).slot_minutes == 15
    # The conferences page lists it for staff, and those without one.
    page = client.get(reverse("matchmaking:conferences")).content.decode()
    assert "Hội nghị mới" in page
    assert (
        reverse("matchmaking:event-settings", kwargs={"slug": conference.slug}) in page
    )


def test_conferences_show_what_the_user_can_do(client, world):
    client.force_login(world.other_user)
    page = client.get(reverse("matchmaking:conferences")).content.decode()
    assert (
        reverse("matchmaking:participant-register", kwargs={"slug": world.slug}) in page
    )
    client.force_login(world.coop_user)
    page = client.get(reverse("matchmaking:conferences")).content.decode()
    assert (
        reverse("matchmaking:participant-profile", kwargs={"slug": world.slug}) in page
    )


def test_staff_approve_and_the_users_are_emailed(
    client, world, django_capture_on_commit_callbacks
):
    participant = world.coop_participant
    Participant.objects.filter(pk=participant.pk).update(
        status=ParticipantStatus.PENDING
    )
    client.force_login(world.staff)
    url = reverse(
        "matchmaking:participant-review",
        kwargs={"slug": world.slug, "pk": participant.pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approved", "reason": ""})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.APPROVED
    assert len(mail.outbox) == 1
    assert world.coop_user.email in mail.outbox[0].to
    assert participant.contact_email in mail.outbox[0].to
    assert world.event.conference.name in mail.outbox[0].subject


def test_rejecting_needs_a_reason_which_is_emailed(
    client, world, django_capture_on_commit_callbacks
):
    participant = world.business_participant
    client.force_login(world.staff)
    url = reverse(
        "matchmaking:participant-review",
        kwargs={"slug": world.slug, "pk": participant.pk},
    )
    response = client.post(url, {"decision": "rejected", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "rejected", "reason": "Thiếu giấy phép"})
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.REJECTED
    assert "Thiếu giấy phép" in mail.outbox[0].body
    assert world.business_user.email in mail.outbox[0].to
    # The business sees its status and the reason on the conference's home.
    client.force_login(world.business_user)
    home = client.get(reverse("matchmaking:event-home", kwargs={"slug": world.slug}))
    assert "Thiếu giấy phép" in home.content.decode()


def test_participants_list_counts_and_filters_in_fixed_queries(
    client, world, count_queries
):
    from tests.factories.matchmaking import participant_create

    client.force_login(world.staff)
    url = reverse("matchmaking:participants", kwargs={"slug": world.slug})
    client.get(url)  # the session and the site's caches, once
    _r, few = count_queries(client.get, url)
    for _ in range(5):
        participant_create(event=world.event, status=ParticipantStatus.PENDING)
    response, many = count_queries(client.get, url + "?status=pending")
    assert many == few
    assert len(response.context["participants"]) == 5
    assert response.context["counts"]["pending"] == 5
