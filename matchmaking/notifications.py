"""E-mails about meetings, in the site's language: a request to the invitee,
the answer to the requester, a cancellation or a new time to the other side,
the slots a scheduler run gave each participant, and the day-before
reminder.

A participant is written to at its contact address and at the addresses of
the people who act for its organisation (the cooperative's or business's
users: ``selectors.participation.participant_users_emails``), one message
per address.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.reminders import absolute_url

from .models import Meeting, MeetingStatus, Participant
from .selectors.meetings import local_zone
from .selectors.participation import participant_users_emails


def _send(*, participant: Participant, subject: str, template: str, context) -> int:
    recipients = participant_users_emails(participant=participant)
    if not recipients:
        return 0
    body = render_to_string(template, {**context, "participant": participant})
    subject = " ".join(str(subject).split())
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in recipients
    ]
    return get_connection().send_messages(messages) or 0


def _url(name: str, meeting: Meeting, *args) -> str:
    return absolute_url(
        reverse(f"matchmaking:{name}", args=[meeting.event.conference.slug, *args])
    )


def meeting_requested_notify(*, meeting: Meeting) -> int:
    """Tell the invitee who asked them for a meeting."""
    with translation.override(settings.LANGUAGE_CODE):
        return _send(
            participant=meeting.invitee,
            subject=_("%(name)s asks you for a meeting") % {"name": meeting.requester},
            template="matchmaking/meetings/email/requested.txt",
            context={
                "meeting": meeting,
                "url": _url("meeting-detail", meeting, meeting.pk),
            },
        )


def meeting_answered_notify(*, meeting: Meeting) -> int:
    """Tell the requester the invitee's answer."""
    accepted = meeting.status == MeetingStatus.ACCEPTED
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("%(name)s accepted your meeting request")
            if accepted
            else _("%(name)s declined your meeting request")
        ) % {"name": meeting.invitee}
        return _send(
            participant=meeting.requester,
            subject=subject,
            template="matchmaking/meetings/email/answered.txt",
            context={
                "meeting": meeting,
                "accepted": accepted,
                "url": _url("meeting-detail", meeting, meeting.pk),
            },
        )


def meeting_changed_notify(*, meeting: Meeting, by_id: int | None) -> int:
    """Tell a meeting's sides that it was cancelled or moved: the other side
    when one side did it (``by_id``), both when staff did (None)."""
    meeting = (
        Meeting.objects.select_related(
            "event__conference", "requester", "invitee", "table"
        )
        .filter(pk=meeting.pk)
        .first()
    )
    if meeting is None:
        return 0
    cancelled = meeting.status == MeetingStatus.CANCELLED
    sides = [meeting.requester, meeting.invitee]
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for participant in sides:
            if participant.pk == by_id:
                continue
            other = meeting.other_side(participant.pk)
            subject = (
                _("Your meeting with %(name)s is cancelled")
                if cancelled
                else _("Your meeting with %(name)s has a new time")
            ) % {"name": other}
            sent += _send(
                participant=participant,
                subject=subject,
                template="matchmaking/meetings/email/changed.txt",
                context={
                    "meeting": meeting,
                    "other": other,
                    "cancelled": cancelled,
                    "by_staff": by_id is None,
                    "starts_at": meeting.starts_at
                    and timezone.localtime(meeting.starts_at, local_zone()),
                    "url": _url("meeting-detail", meeting, meeting.pk),
                },
            )
    return sent


def _meetings_by_participant(meetings) -> dict[int, tuple[Participant, list]]:
    """Return {participant id: (participant, [(meeting, other side)])}."""
    grouped: dict[int, tuple[Participant, list]] = {}
    for meeting in meetings:
        for me, other in (
            (meeting.requester, meeting.invitee),
            (meeting.invitee, meeting.requester),
        ):
            grouped.setdefault(me.pk, (me, []))[1].append((meeting, other))
    return grouped


def _scheduled(queryset):
    return queryset.select_related(
        "event__conference",
        "table",
        "requester__partner",
        "requester__business",
        "invitee__partner",
        "invitee__business",
    ).order_by("starts_at", "pk")


def _agenda_mail(*, participant: Participant, rows: list, subject, template) -> int:
    """Send one participant a list of their meetings (``rows``: (meeting,
    other side)) with a link to their agenda."""
    event = rows[0][0].event
    return _send(
        participant=participant,
        subject=subject % {"conference": event.conference},
        template=template,
        context={
            "rows": rows,
            "url": absolute_url(
                reverse("matchmaking:agenda", args=[event.conference.slug])
            ),
        },
    )


def meetings_scheduled_notify(*, meeting_ids: list[int]) -> int:
    """Send each participant one e-mail listing the meetings a scheduler run
    just placed for them; return how many messages were sent."""
    sent = 0
    meetings = _scheduled(Meeting.objects.filter(pk__in=meeting_ids))
    with translation.override(settings.LANGUAGE_CODE):
        for participant, rows in _meetings_by_participant(meetings).values():
            sent += _agenda_mail(
                participant=participant,
                rows=rows,
                subject=_("Your meetings at %(conference)s"),
                template="matchmaking/meetings/email/scheduled.txt",
            )
    return sent


def meetings_remind(*, today: datetime.date | None = None) -> list[tuple[str, int]]:
    """E-mail each participant the meetings they have tomorrow, once (a
    meeting reminded is stamped ``reminded_at``). Return (participant,
    number of meetings) for each participant written to."""
    today = today or timezone.localdate()
    start = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time(0), tzinfo=local_zone()
    )
    report = []
    with transaction.atomic():
        meetings = list(
            _scheduled(
                Meeting.objects.select_for_update(of=("self",)).filter(
                    Q(starts_at__gte=start)
                    & Q(starts_at__lt=start + datetime.timedelta(days=1)),
                    status=MeetingStatus.ACCEPTED,
                    reminded_at__isnull=True,
                )
            )
        )
        with translation.override(settings.LANGUAGE_CODE):
            for participant, rows in _meetings_by_participant(meetings).values():
                _agenda_mail(
                    participant=participant,
                    rows=rows,
                    subject=_("Tomorrow: your meetings at %(conference)s"),
                    template="matchmaking/meetings/email/reminder.txt",
                )
                report.append((participant.name, len(rows)))
        # Stamped in the same transaction: a failed send leaves them for the
        # next run.
        Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(
            reminded_at=timezone.now()
        )
    return report
