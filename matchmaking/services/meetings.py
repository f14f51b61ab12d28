"""Writing meetings: a participant asks another for one, the other accepts or
declines, either side cancels or moves it before the day.

Any two approved participants of a conference may meet (a cooperative with a
business, but also two cooperatives or two businesses: buyers meet buyers to
pool orders, cooperatives to share a harvest). Each service raises a
``ValidationError`` with a translated message on bad input; the database's
constraints stay the last guard against two requests racing each other.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    OPEN_STATUSES,
    Meeting,
    MeetingStatus,
    Offer,
    Participant,
    ParticipantStatus,
    Seat,
    Table,
    Want,
)
from ..selectors.access import user_organisations
from ..selectors.meetings import local_zone, open_meeting_between, slot_on_grid
from ..selectors.participation import registration_open


def _same_organisation(a: Participant, b: Participant) -> bool:
    return (a.partner_id is not None and a.partner_id == b.partner_id) or (
        a.business_id is not None and a.business_id == b.business_id
    )


def _acts_for(user, participant: Participant) -> bool:
    partner_ids, business_ids = user_organisations(user=user)
    return participant.partner_id in partner_ids or (
        participant.business_id in business_ids
    )


def meeting_request(
    *,
    requester: Participant,
    invitee: Participant,
    message: str,
    offer: Offer | None = None,
    want: Want | None = None,
    today: datetime.date | None = None,
    by=None,
) -> Meeting:
    """Ask ``invitee`` for a meeting, optionally about one of the two sides'
    offers or requests. ``by`` (the user asking) may not act for the invitee
    too: that would be a meeting with oneself."""
    today = today or timezone.localdate()
    event = requester.event
    if not registration_open(event=event, today=today):
        raise ValidationError(
            _(
                "Meetings can be requested only while registration is open "
                "(%(opens)s to %(closes)s)."
            )
            % {
                "opens": f"{event.registration_opens:%d/%m/%Y}",
                "closes": f"{event.registration_closes:%d/%m/%Y}",
            }
        )
    if (
        requester.pk == invitee.pk
        or _same_organisation(requester, invitee)
        or (by is not None and _acts_for(by, invitee))
    ):
        raise ValidationError(_("You cannot ask your own organisation for a meeting."))
    if invitee.event_id != requester.event_id:
        raise ValidationError(_("This participant takes part in another conference."))
    if requester.status != ParticipantStatus.APPROVED:
        raise ValidationError(_("Your profile has not been approved yet."))
    if invitee.status != ParticipantStatus.APPROVED:
        raise ValidationError(_("This participant has not been approved yet."))
    sides = {requester.pk, invitee.pk}
    if offer is not None and offer.participant_id not in sides:
        raise ValidationError({"offer": _("Choose an offer of one of the two sides.")})
    if want is not None and want.participant_id not in sides:
        raise ValidationError({"want": _("Choose a request of one of the two sides.")})
    if open_meeting_between(a=requester, b=invitee) is not None:
        raise ValidationError(_already_open())
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                event=event,
                requester=requester,
                invitee=invitee,
                offer=offer,
                want=want,
                message=message.strip(),
            )
    except IntegrityError:
        # Both sides asked each other at the same moment.
        raise ValidationError(_already_open()) from None
    from ..notifications import meeting_requested_notify

    transaction.on_commit(lambda: meeting_requested_notify(meeting=meeting))
    return meeting


def _already_open() -> str:
    return _(
        "There is already an open meeting request between you and this "
        "participant: see your meeting requests."
    )


@transaction.atomic
def meeting_respond(
    *, meeting: Meeting, participant: Participant, accept: bool, reason: str = ""
) -> Meeting:
    """Accept or decline a request addressed to ``participant``."""
    if meeting.invitee_id != participant.pk:
        raise ValidationError(_("Only the participant asked can answer this request."))
    updated = Meeting.objects.filter(
        pk=meeting.pk, status=MeetingStatus.REQUESTED
    ).update(
        status=MeetingStatus.ACCEPTED if accept else MeetingStatus.DECLINED,
        decline_reason="" if accept else reason.strip()[:500],
        responded_at=timezone.now(),
    )
    if not updated:
        raise ValidationError(_("This request has already been answered."))
    meeting.refresh_from_db()
    from ..notifications import meeting_answered_notify

    transaction.on_commit(lambda: meeting_answered_notify(meeting=meeting))
    return meeting


def _before_the_day(meeting: Meeting, today: datetime.date) -> bool:
    if meeting.starts_at is None:
        return True
    return today < meeting.starts_at.astimezone(local_zone()).date()


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, by: Participant | None, today: datetime.date | None = None
) -> Meeting:
    """Cancel an open meeting (either side, or staff with ``by=None``) before
    its day; its slot and table are freed at once."""
    today = today or timezone.localdate()
    if by is not None and meeting.side_of(by.pk) is None:
        raise ValidationError(_("Only the two sides can cancel this meeting."))
    if meeting.status not in OPEN_STATUSES:
        raise ValidationError(_("This meeting is no longer open."))
    if not _before_the_day(meeting, today):
        raise ValidationError(
            _("A meeting can be cancelled only before its day; tell the organisers.")
        )
    Seat.objects.filter(meeting=meeting).delete()
    updated = Meeting.objects.filter(pk=meeting.pk, status__in=OPEN_STATUSES).update(
        status=MeetingStatus.CANCELLED, starts_at=None, table=None
    )
    if not updated:
        raise ValidationError(_("This meeting is no longer open."))
    meeting.refresh_from_db()
    _changed_notify(meeting=meeting, by=by)
    return meeting


def _changed_notify(*, meeting: Meeting, by: Participant | None) -> None:
    from ..notifications import meeting_changed_notify

    by_id = by.pk if by is not None else None
    transaction.on_commit(lambda: meeting_changed_notify(meeting=meeting, by_id=by_id))


def meeting_move(
    *,
    meeting: Meeting,
    starts_at: datetime.datetime,
    by: Participant | None,
    table: Table | None = None,
    today: datetime.date | None = None,
) -> Meeting:
    """Move an accepted meeting to another slot of the meeting days, where
    both sides are free, at a free table (the given one, else the first free
    one). Either side (or staff, ``by=None``) may move it before its day."""
    today = today or timezone.localdate()
    event = meeting.event
    if by is not None and meeting.side_of(by.pk) is None:
        raise ValidationError(_("Only the two sides can move this meeting."))
    if meeting.status != MeetingStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted meeting can be given a time."))
    if not _before_the_day(meeting, today):
        raise ValidationError(
            _("A meeting can be moved only before its day; tell the organisers.")
        )
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=local_zone())
    if not slot_on_grid(event=event, starts_at=starts_at):
        raise ValidationError(
            {"starts_at": _("This time is not a slot of the meeting days.")}
        )
    if starts_at.astimezone(local_zone()).date() <= today:
        raise ValidationError({"starts_at": _("Choose a slot after today.")})
    sides = [meeting.requester_id, meeting.invitee_id]
    busy = (
        Seat.objects.filter(participant_id__in=sides, starts_at=starts_at)
        .exclude(meeting=meeting)
        .exists()
    )
    if busy:
        raise ValidationError(
            {"starts_at": _("One of the two sides has another meeting then.")}
        )
    taken = Meeting.objects.filter(
        event=event, starts_at=starts_at, table__isnull=False
    ).exclude(pk=meeting.pk)
    if table is None:
        table = (
            Table.objects.filter(event=event)
            .exclude(pk__in=taken.values("table_id"))
            .first()
        )
        if table is None:
            raise ValidationError({"starts_at": _("No table is free then.")})
    elif table.event_id != event.pk or taken.filter(table=table).exists():
        raise ValidationError({"table": _("This table is taken then.")})
    try:
        with transaction.atomic():
            Seat.objects.filter(meeting=meeting).delete()
            updated = Meeting.objects.filter(
                pk=meeting.pk, status=MeetingStatus.ACCEPTED
            ).update(starts_at=starts_at, table=table, scheduled_at=timezone.now())
            if not updated:
                raise ValidationError(_("This meeting is no longer open."))
            Seat.objects.bulk_create(
                Seat(meeting=meeting, participant_id=side, starts_at=starts_at)
                for side in sides
            )
    except IntegrityError:
        # Someone else took the slot or the table between the checks above
        # and the write: the database refused the second booking.
        raise ValidationError(
            {"starts_at": _("This slot was just taken; choose another.")}
        ) from None
    meeting.refresh_from_db()
    _changed_notify(meeting=meeting, by=by)
    return meeting
