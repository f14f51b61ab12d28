"""A conference's matchmaking funnel: from participants to signed
agreements and their fulfilment, in a fixed number of queries.

The steps: approved participants (and how many publish offers and
requests, with the counts of those), meetings requested, accepted and held,
MOUs to sign (draft agreements opened from meetings) and MOUs signed
(those agreements no longer drafts), with the signed ones' fulfilment by
value from the register's own figures. Counts only: the public conference
page shows them, so nothing here names anyone.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from agreements.selectors.aggregates import fulfilment_totals

from ..models import (
    Attendance,
    Event,
    Meeting,
    MeetingStatus,
    Offer,
    Participant,
    ParticipantStatus,
    Want,
)


@dataclass(frozen=True)
class FunnelStep:
    key: str
    label: Promise
    count: int
    detail: str = ""


@dataclass
class Funnel:
    """The counts of one conference's funnel (see the module's docstring)."""

    participants: int = 0
    cooperatives: int = 0
    businesses: int = 0
    with_offers: int = 0
    with_wants: int = 0
    offers: int = 0
    wants: int = 0
    requested: int = 0
    accepted: int = 0
    held: int = 0
    no_shows: int = 0
    mous_to_sign: int = 0
    mous_signed: int = 0
    committed_value: int = 0
    fulfilment_percent: float | None = None
    steps: list[FunnelStep] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.participants and not self.requested


def _signed_agreements(*, event: Event) -> QuerySet:
    """The agreements opened from the event's meetings and signed since."""
    return Agreement.objects.filter(
        pk__in=Meeting.objects.filter(event=event, agreement__isnull=False).values(
            "agreement"
        ),
        is_draft=False,
    )


def conference_funnel(*, event: Event) -> Funnel:
    """Return the funnel of ``event`` in four queries."""
    approved = Participant.objects.filter(
        event=event, status=ParticipantStatus.APPROVED
    )
    people = approved.annotate(
        has_offers=Exists(Offer.objects.filter(participant=OuterRef("pk"))),
        has_wants=Exists(Want.objects.filter(participant=OuterRef("pk"))),
    ).aggregate(
        participants=Count("pk"),
        cooperatives=Count("pk", filter=Q(partner__isnull=False)),
        businesses=Count("pk", filter=Q(business__isnull=False)),
        with_offers=Count("pk", filter=Q(has_offers=True)),
        with_wants=Count("pk", filter=Q(has_wants=True)),
    )
    goods = approved.aggregate(
        offers=Count("offers", distinct=True), wants=Count("wants", distinct=True)
    )
    meetings = Meeting.objects.filter(event=event).aggregate(
        requested=Count("pk"),
        accepted=Count("pk", filter=Q(status=MeetingStatus.ACCEPTED)),
        held=Count("pk", filter=Q(attendance=Attendance.HELD)),
        no_shows=Count("pk", filter=Q(attendance=Attendance.NO_SHOW)),
        mous_to_sign=Count("pk", filter=Q(agreement__isnull=False)),
        mous_signed=Count(
            "pk", filter=Q(agreement__isnull=False, agreement__is_draft=False)
        ),
    )
    funnel = Funnel(**people, **goods, **meetings)
    if funnel.mous_signed:
        totals = fulfilment_totals(agreements=_signed_agreements(event=event))
        funnel.committed_value = totals["committed_value"]
        funnel.fulfilment_percent = totals["fulfilment_percent"]
    funnel.steps = [
        FunnelStep("participants", _("Participants"), funnel.participants),
        FunnelStep("offers", _("With offers"), funnel.with_offers),
        FunnelStep("wants", _("With requests"), funnel.with_wants),
        FunnelStep("requested", _("Meetings requested"), funnel.requested),
        FunnelStep("accepted", _("Accepted"), funnel.accepted),
        FunnelStep("held", _("Held"), funnel.held),
        FunnelStep("mous_to_sign", _("MOUs to sign"), funnel.mous_to_sign),
        FunnelStep("mous_signed", _("MOUs signed"), funnel.mous_signed),
    ]
    return funnel


def funnel_meetings(*, event: Event) -> QuerySet:
    """The meetings behind the funnel's last steps, for staff: those held or
    with an agreement, with both sides and the agreement."""
    return (
        Meeting.objects.filter(event=event)
        .filter(Q(attendance=Attendance.HELD) | Q(agreement__isnull=False))
        .select_related("requester", "invitee", "table", "agreement")
        .order_by("starts_at", "pk")
    )
