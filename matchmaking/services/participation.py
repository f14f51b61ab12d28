"""Writing participation: a conference's matchmaking settings, participant
profiles with their attendees, and staff approval (which e-mails the
participant's users).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Conference

from ..models import Attendee, Event, Participant, ParticipantStatus
from ..selectors.access import user_organisations
from ..selectors.participation import participant_users_emails, registration_open

#: The profile fields a participant fills in.
PROFILE_FIELDS = (
    "summary",
    "province_code",
    "contact_name",
    "contact_phone",
    "contact_email",
)
ATTENDEE_FIELDS = ("full_name", "position", "phone", "email")


def event_save(
    *,
    conference: Conference,
    event: Event | None,
    registration_opens: datetime.date,
    registration_closes: datetime.date,
    slot_minutes: int,
) -> Event:
    """Create or update the conference's matchmaking."""
    if registration_closes < registration_opens:
        raise ValidationError(
            {"registration_closes": _("Registration cannot close before it opens.")}
        )
    event = event or Event(conference=conference)
    event.registration_opens = registration_opens
    event.registration_closes = registration_closes
    event.slot_minutes = slot_minutes
    event.full_clean(exclude=["conference"])
    event.save()
    return event


def _attendees_save(*, participant: Participant, attendees: list[dict]) -> None:
    """Update, add and delete the participant's attendees; at least one stays.

    Each dict holds the attendee fields, "id" (an existing Attendee or None)
    and "DELETE".
    """
    kept = [a for a in attendees if not a.get("DELETE") and a.get("full_name")]
    if not kept:
        raise ValidationError(_("Add at least one person who attends."))
    own = {a.pk: a for a in participant.attendees.all()}
    for row in attendees:
        existing = row.get("id")
        attendee = own.get(existing.pk) if existing is not None else None
        if existing is not None and attendee is None:
            continue  # another participant's attendee: never touched
        if row.get("DELETE") or not row.get("full_name"):
            if attendee is not None:
                attendee.delete()
            continue
        attendee = attendee or Attendee(participant=participant)
        for field in ATTENDEE_FIELDS:
            setattr(attendee, field, row.get(field) or "")
        attendee.save()


@transaction.atomic
def participant_register(
    *,
    event: Event,
    user,
    data: dict,
    categories: list,
    attendees: list[dict],
    today: datetime.date | None = None,
) -> Participant:
    """Register the user's cooperative (or approved business) in the event,
    waiting for staff approval."""
    if not registration_open(event=event, today=today):
        raise ValidationError(
            _("Registration is open from %(opens)s to %(closes)s.")
            % {
                "opens": event.registration_opens.strftime("%d/%m/%Y"),
                "closes": event.registration_closes.strftime("%d/%m/%Y"),
            }
        )
    partner_ids, business_ids = user_organisations(user=user)
    if not partner_ids and not business_ids:
        raise ValidationError(
            _("Only a cooperative's or an approved business's staff can register.")
        )
    participant = Participant(event=event, registered_by=user)
    if partner_ids:
        from oscar.core.loading import get_model

        participant.partner = get_model("partner", "Partner").objects.get(
            pk=partner_ids[0]
        )
        participant.name = participant.partner.name
    else:
        from agreements.models import Business

        participant.business = Business.objects.get(pk=business_ids[0])
        participant.name = participant.business.name
    for field in PROFILE_FIELDS:
        setattr(
            participant,
            field,
            data.get(field) or ("" if field != "province_code" else None),
        )
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError:
        raise ValidationError(
            _("Your organisation is already registered for this conference.")
        ) from None
    participant.categories.set(categories)
    _attendees_save(participant=participant, attendees=attendees)
    return participant


@transaction.atomic
def participant_update(
    *, participant: Participant, data: dict, categories: list, attendees: list[dict]
) -> Participant:
    """Save the participant's own profile and attendees."""
    for field in PROFILE_FIELDS:
        setattr(
            participant,
            field,
            data.get(field) or ("" if field != "province_code" else None),
        )
    participant.save()
    participant.categories.set(categories)
    _attendees_save(participant=participant, attendees=attendees)
    return participant


@transaction.atomic
def participant_review(
    *, participant: Participant, approve: bool, reason: str = "", site_url: str = ""
) -> Participant:
    """Approve the participant, or reject it with a reason; its users hear of
    it by e-mail once the change is saved."""
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Say why the profile is rejected.")})
    participant.status = (
        ParticipantStatus.APPROVED if approve else ParticipantStatus.REJECTED
    )
    participant.rejection_reason = "" if approve else reason
    participant.save(update_fields=["status", "rejection_reason"])
    transaction.on_commit(
        lambda: participant_review_notify(participant=participant, site_url=site_url)
    )
    return participant


def participant_review_notify(*, participant: Participant, site_url: str = "") -> int:
    """E-mail the participant's users the staff's decision; return how many
    addresses were written to."""
    to = participant_users_emails(participant=participant)
    if not to:
        return 0
    approved = participant.status == ParticipantStatus.APPROVED
    conference = participant.event.conference.name
    subject = (
        _("Your registration for %(conference)s is approved")
        if approved
        else _("Your registration for %(conference)s was not approved")
    ) % {"conference": conference}
    body = render_to_string(
        "matchmaking/participation/email/"
        + ("approved.txt" if approved else "rejected.txt"),
        {
            "participant": participant,
            "conference": conference,
            "url": site_url,
            "today": timezone.localdate(),
        },
    )
    send_mail(" ".join(subject.split()), body, None, to)
    return len(to)
