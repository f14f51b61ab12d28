"""The meeting pages: who may open what (the two sides, a third participant,
an outsider, staff, anonymous), the forms' clear errors with nothing lost,
the agenda and its .ics, and constant query counts."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from matchmaking.models import Meeting, MeetingStatus, ScheduleRun, Seat
from tests.factories.matchmaking import (
    meeting_create,
    meeting_place,
    participant_create,
    slot_at,
)

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"matchmaking:{name}", args=[world.slug, *args])


@pytest.fixture
def placed(world):
    meeting = meeting_create(
        requester=world.business,
        invitee=world.coop,
        status=MeetingStatus.ACCEPTED,
        message="Bàn về na Chi Lăng",
    )
    return meeting_place(
        meeting,
        table=world.event.tables.first(),
        starts_at=slot_at(world.event.days.first(), 1, 20),
    )


def _get(client, user, path):
    client.force_login(user)
    return client.get(path)


# Access


@pytest.mark.parametrize(
    "name, args",
    [
        ("meetings", ()),
        ("agenda", ()),
        ("agenda-ics", ()),
        ("meetings-all", ()),
        ("setup", ()),
        ("schedule", ()),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, world, name, args):
    response = client.get(url(world, name, *args))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_two_sides_and_staff_see_a_meeting_others_get_404(client, world, placed):
    path = url(world, "meeting-detail", placed.pk)
    for user in (world.coop_user, world.business_user, world.staff):
        assert _get(client, user, path).status_code == 200, user
    for user in (world.other_user, world.outsider):
        assert _get(client, user, path).status_code == 404, user


def test_a_meeting_of_another_conference_is_404(client, world, placed):
    from tests.factories.matchmaking import event_create

    other_event = event_create()
    path = reverse(
        "matchmaking:meeting-detail", args=[other_event.conference.slug, placed.pk]
    )
    assert _get(client, world.staff, path).status_code == 404


@pytest.mark.parametrize("name", ["meetings-all", "setup", "schedule"])
def test_staff_pages_are_404_for_participants(client, world, name):
    for user in (world.coop_user, world.business_user, world.outsider):
        assert _get(client, user, url(world, name)).status_code == 404
    assert _get(client, world.staff, url(world, name)).status_code == 200


def test_table_print_and_schedule_status_are_staff_only(client, world, placed):
    run = ScheduleRun.objects.create(event=world.event)
    for path in (
        url(world, "table-print", placed.table_id),
        url(world, "schedule-status", run.pk),
    ):
        assert _get(client, world.coop_user, path).status_code == 404
        assert _get(client, world.staff, path).status_code == 200


def test_own_pages_are_404_for_outsiders_and_unapproved(client, world):
    pending = participant_create(event=world.event, status="pending")
    from tests.factories.matchmaking import business_user_create

    pending_user = business_user_create(business=pending.business)
    for name in ("meetings", "agenda", "agenda-ics"):
        for user in (world.outsider, pending_user):
            assert _get(client, user, url(world, name)).status_code == 404


# Requests and answers


def test_a_participant_asks_for_a_meeting_from_the_page(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.business_user)
    path = url(world, "meeting-request", world.coop.pk)
    assert client.get(path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"message": "Chúng tôi muốn mua na."})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(world, "meeting-detail", meeting.pk)
    assert (meeting.requester, meeting.invitee) == (world.business, world.coop)
    assert len(mailoutbox) == 2


def test_a_second_request_shows_the_error_and_keeps_the_message(client, world):
    meeting_create(requester=world.coop, invitee=world.business)
    client.force_login(world.business_user)
    response = client.post(
        url(world, "meeting-request", world.coop.pk), {"message": "Lời nhắn dài"}
    )
    assert response.status_code == 200
    assert "already an open meeting request" in response.content.decode()
    assert "Lời nhắn dài" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_asking_oneself_shows_the_error(client, world):
    client.force_login(world.coop_user)
    response = client.post(
        url(world, "meeting-request", world.coop.pk), {"message": "x"}
    )
    assert "your own organisation" in response.content.decode()


def test_asking_outside_the_window_shows_the_error(client, world):
    world.event.registration_closes = datetime.date.today() - datetime.timedelta(days=1)
    world.event.registration_opens = world.event.registration_closes
    world.event.save()
    client.force_login(world.business_user)
    response = client.post(
        url(world, "meeting-request", world.coop.pk), {"message": "x"}
    )
    assert "only while registration is open" in response.content.decode()


def test_the_request_form_is_prefilled_from_an_offer(client, world):
    from tests.factories.catalogue import product_create
    from tests.factories.matchmaking import offer_create

    offer = offer_create(participant=world.coop, product=product_create())
    client.force_login(world.business_user)
    response = client.get(
        url(world, "meeting-request", world.coop.pk) + f"?offer={offer.pk}"
    )
    assert f'<option value="{offer.pk}" selected>' in response.content.decode()


def test_the_invitee_accepts_from_the_list(client, world):
    meeting = meeting_create(requester=world.business, invitee=world.coop)
    client.force_login(world.coop_user)
    page = client.get(url(world, "meetings")).content.decode()
    assert url(world, "meeting-respond", meeting.pk) in page
    response = client.post(
        url(world, "meeting-respond", meeting.pk),
        {"decision": "accept", "back": "list"},
    )
    assert response["Location"] == url(world, "meetings")
    meeting.refresh_from_db()
    assert meeting.status == "accepted"


def test_respond_needs_post_and_the_invitee(client, world):
    meeting = meeting_create(requester=world.business, invitee=world.coop)
    path = url(world, "meeting-respond", meeting.pk)
    assert _get(client, world.coop_user, path).status_code == 405
    client.force_login(world.business_user)
    assert client.post(path, {"decision": "accept"}).status_code == 404
    client.force_login(world.other_user)
    assert client.post(path, {"decision": "accept"}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == "requested"


def test_contacts_show_only_once_accepted(client, world):
    meeting = meeting_create(requester=world.business, invitee=world.coop)
    path = url(world, "meeting-detail", meeting.pk)
    page = _get(client, world.business_user, path).content.decode()
    assert world.coop.contact_phone not in page
    meeting.status = MeetingStatus.ACCEPTED
    meeting.save()
    page = _get(client, world.business_user, path).content.decode()
    assert world.coop.contact_phone in page and world.coop.contact_email in page


def test_cancel_from_the_page_frees_the_slot(client, world, placed):
    client.force_login(world.coop_user)
    response = client.post(url(world, "meeting-cancel", placed.pk))
    assert response.status_code == 302
    placed.refresh_from_db()
    assert placed.status == "cancelled" and not Seat.objects.exists()


def test_move_page_lists_free_slots_and_moves(client, world, placed):
    client.force_login(world.business_user)
    path = url(world, "meeting-move", placed.pk)
    page = client.get(path).content.decode()
    target = slot_at(world.event.days.last(), 0, 20)
    value = target.strftime("%Y-%m-%dT%H:%M")
    assert f'value="{value}"' in page
    assert client.post(path, {"starts_at": value}).status_code == 302
    placed.refresh_from_db()
    assert placed.starts_at == target


def test_move_to_a_time_off_the_grid_shows_the_error(client, world, placed):
    client.force_login(world.business_user)
    day = world.event.days.first()
    response = client.post(
        url(world, "meeting-move", placed.pk),
        {"starts_at": f"{day.date:%Y-%m-%d}T07:10"},
    )
    assert response.status_code == 200
    assert "not a slot of the meeting days" in response.content.decode()


# Setup and scheduler pages


def test_setup_refuses_removing_a_table_with_meetings(client, world, placed):
    client.force_login(world.staff)
    response = client.post(
        url(world, "setup"), {"action": "table_remove", "pk": placed.table_id}
    )
    assert response.status_code == 400
    assert "still holds 1 meeting" in response.content.decode()


def test_setup_keeps_the_typed_day_on_error(client, world):
    client.force_login(world.staff)
    response = client.post(
        url(world, "setup"),
        {
            "action": "day_add",
            "day-date": "2031-01-01",
            "day-starts_at": "08:00",
            "day-ends_at": "09:00",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "within 7 days of the conference" in page and "2031-01-01" in page


def test_setup_adds_tables_and_changes_the_slot(client, world):
    client.force_login(world.staff)
    client.post(url(world, "setup"), {"action": "tables_add", "tables-count": "2"})
    client.post(url(world, "setup"), {"action": "slot", "slot-slot_minutes": "30"})
    world.event.refresh_from_db()
    assert world.event.tables.count() == 5 and world.event.slot_minutes == 30


def test_schedule_page_runs_and_shows_the_outcome(client, world):
    meeting_create(requester=world.business, invitee=world.coop, status="accepted")
    client.force_login(world.staff)
    response = client.post(url(world, "schedule"))
    run = ScheduleRun.objects.get()
    assert response["Location"].endswith(f"?run={run.pk}")
    page = client.get(response["Location"]).content.decode()
    assert 'value="100"' in page and "1 placed, 0 without a time." in page
    status = client.get(url(world, "schedule-status", run.pk)).json()
    assert status["percent"] == 100 and status["running"] is False
    assert status["placed"] == 1


# Agenda and calendar


def test_agenda_lists_the_meeting_with_the_other_sides_contact(client, world, placed):
    page = _get(client, world.business_user, url(world, "agenda")).content.decode()
    assert world.coop.name in page and world.coop.contact_phone in page
    assert placed.table.name in page and "08:20" in page


def test_the_ics_file_parses_back(client, world, placed):
    response = _get(client, world.business_user, url(world, "agenda-ics"))
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment;")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == placed.starts_at
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(
        minutes=20
    )
    assert str(event["uid"]) == f"meeting-{placed.pk}@testserver"
    assert placed.table.name in str(event["location"])
    assert world.event.conference.place in str(event["location"])
    assert world.coop.name in str(event["summary"])


def test_table_print_lists_the_tables_meetings(client, world, placed):
    page = _get(
        client, world.staff, url(world, "table-print", placed.table_id)
    ).content.decode()
    assert world.coop.name in page and world.business.name in page


# Query counts


def _many(world, n, start=0):
    day = world.event.days.first()
    tables = list(world.event.tables.all())
    for i in range(start, start + n):
        other = participant_create(event=world.event)
        meeting = meeting_create(
            requester=other, invitee=world.coop, status=MeetingStatus.ACCEPTED
        )
        meeting_place(meeting, table=tables[i % 3], starts_at=slot_at(day, i, 20))
        meeting_create(
            requester=world.coop, invitee=participant_create(event=world.event)
        )


@pytest.mark.parametrize(
    "name, who",
    [("agenda", "coop_user"), ("meetings", "coop_user"), ("meetings-all", "staff")],
)
def test_lists_run_a_fixed_number_of_queries(client, world, count_queries, name, who):
    user = getattr(world, who)
    client.force_login(user)
    path = url(world, name)
    _many(world, 1)
    client.get(path)
    _, few = count_queries(client.get, path)
    _many(world, 6, start=1)
    response, many = count_queries(client.get, path)
    assert response.status_code == 200
    assert few == many
