"""Writes after a meeting: each side's outcome, and the draft agreement the
register opens when both sides want an MOU.

A side records its outcome of an accepted meeting that was held (or whose
slot is past, or, never scheduled, whose conference has begun). When both
sides chose "MOU to sign", one draft agreement is opened in the register
through its own service (``agreements.drafts.agreement_draft_open``): the
cooperative as supplier, the business as buyer, one line from the offer and
the request the meeting was about. The meeting's row is locked while the
outcome is written, so a double submit opens one draft only.
"""

import datetime
import math
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.drafts import agreement_draft_open
from agreements.models import (
    MAX_QUANTITY,
    MAX_VND,
    Agreement,
    AgreementParty,
    Commitment,
)
from agreements.services import AgreementDraft, PartyData

from ..models import Attendance, Meeting, MeetingStatus, Outcome, Participant

#: The prefix of a draft's number: NHAP-<conference>-<meeting>.
DRAFT_PREFIX = "NHAP"


def meeting_outcome_open(*, meeting: Meeting, now: datetime.datetime | None = None):
    """Return True when the sides of ``meeting`` may record its outcome."""
    if meeting.status != MeetingStatus.ACCEPTED:
        return False
    if meeting.attendance == Attendance.NO_SHOW:
        return False
    if meeting.attendance == Attendance.HELD:
        return True
    now = now or timezone.now()
    if meeting.starts_at is not None:
        return meeting.starts_at <= now
    return meeting.event.conference.start_date <= timezone.localdate(now)


def meeting_outcome_record(
    *,
    meeting: Meeting,
    participant: Participant,
    outcome: str,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Record ``participant``'s outcome of ``meeting``; open the draft
    agreement when both sides chose "MOU to sign" (once)."""
    if outcome not in Outcome.values or outcome == Outcome.NONE:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update()
            .select_related("event__conference")
            .get(pk=meeting.pk)
        )
        side = meeting.side_of(participant.pk)
        if side is None:
            raise ValidationError(_("You did not take part in this meeting."))
        if not meeting_outcome_open(meeting=meeting, now=now):
            raise ValidationError(
                _("The outcome can be recorded once the meeting has taken place.")
            )
        setattr(meeting, f"{side}_outcome", outcome)
        meeting.save(update_fields=[f"{side}_outcome"])
        if (
            meeting.requester_outcome == Outcome.MOU
            and meeting.invitee_outcome == Outcome.MOU
            and meeting.agreement_id is None
        ):
            agreement = meeting_draft_agreement_open(meeting=meeting, now=now)
            if agreement is not None:
                meeting.agreement = agreement
                meeting.save(update_fields=["agreement"])
    return meeting


def _months(start: datetime.date, end: datetime.date) -> int:
    """Whole months from ``start`` to ``end`` (a started month counts)."""
    return max(1, math.ceil(((end - start).days + 1) / 30.4375))


def meeting_draft_agreement_open(
    *, meeting: Meeting, now: datetime.datetime | None = None
) -> Agreement | None:
    """Open the draft agreement of a meeting between a cooperative and a
    business (None for two cooperatives or two businesses)."""
    sides = [meeting.requester, meeting.invitee]
    cooperatives = [p for p in sides if p.is_cooperative]
    businesses = [p for p in sides if not p.is_cooperative]
    if len(cooperatives) != 1 or len(businesses) != 1:
        return None
    cooperative, business = cooperatives[0], businesses[0]
    offer = meeting.offer or cooperative.offers.select_related("product").first()
    want = meeting.want or business.wants.first()
    conference = meeting.event.conference
    if meeting.starts_at is not None:
        signed_on = timezone.localtime(meeting.starts_at).date()
    else:
        signed_on = conference.start_date
    if want is not None and want.deliver_from and want.deliver_until:
        valid_from, valid_until = want.deliver_from, want.deliver_until
    else:
        valid_from = signed_on
        valid_until = signed_on + relativedelta(years=1) - datetime.timedelta(days=1)
    volume = (want.monthly_volume if want else None) or (
        offer.monthly_volume if offer else None
    )
    quantity = Decimal(volume or 1) * _months(valid_from, valid_until)
    quantity = min(quantity.quantize(Decimal("0.01")), MAX_QUANTITY)
    prices = [p for p in (offer.price_min, offer.price_max) if p] if offer else []
    price = Decimal(sum(prices)) / len(prices) if prices else None
    # A line needs a positive value: 1 dong until staff enter the real one.
    value = int((quantity * price).quantize(Decimal(1), ROUND_HALF_UP)) if price else 1
    product = (offer.product if offer else None) or (want.product if want else None)
    goods = "" if product else (want.goods if want else _("To be agreed"))
    unit = (offer.unit if offer else None) or (want.unit if want else "") or "kg"
    notes = _("Opened from the meeting of %(a)s and %(b)s at %(conference)s.") % {
        "a": cooperative.name,
        "b": business.name,
        "conference": conference.name,
    }
    if not price:
        notes += " " + _("The value is to be agreed.")
    draft = AgreementDraft(
        agreement=Agreement(
            number=f"{DRAFT_PREFIX}-{conference.slug[:30].upper()}-{meeting.pk}",
            conference=conference,
            signed_on=signed_on,
            kind=Agreement.Kind.PURCHASE,
            valid_from=valid_from,
            valid_until=valid_until,
            notes=notes,
        ),
        parties=[
            PartyData(role=AgreementParty.Role.SUPPLIER, partner=cooperative.partner),
            PartyData(role=AgreementParty.Role.BUYER, business=business.business),
        ],
        commitments=[
            Commitment(
                partner=cooperative.partner,
                product=product,
                goods=goods,
                unit=unit[:30],
                quantity=quantity,
                value=max(1, min(value, MAX_VND)),
                period_start=valid_from,
                period_end=valid_until,
            )
        ],
    )
    return agreement_draft_open(draft=draft)
