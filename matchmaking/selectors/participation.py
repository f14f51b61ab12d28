"""What the participation pages read: conferences with matchmaking, the
registration window, participant profiles and their counts, who may see a
participant's contact details, the cooperative's own products and the
badges' QR codes.
"""

import datetime

import segno
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from agreements.models import Business, Conference
from catalog.cooperatives.models import Cooperative

from ..models import (
    Attendee,
    Event,
    MeetingStatus,
    Participant,
    ParticipantStatus,
)
from .access import user_organisations, user_runs_matchmaking

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


def registration_open(*, event: Event, today: datetime.date | None = None) -> bool:
    """Return True while participants may register (both days included)."""
    today = today or timezone.localdate()
    return event.registration_opens <= today <= event.registration_closes


def event_phase(*, event: Event, today: datetime.date | None = None) -> str:
    """Return "open" (registration open), "upcoming" or "past"."""
    today = today or timezone.localdate()
    if registration_open(event=event, today=today):
        return "open"
    conference = event.conference
    last_day = conference.end_date or conference.start_date
    if today < event.registration_opens or last_day >= today:
        return "upcoming"
    return "past"


def conferences_for_user(*, user) -> dict:
    """Return the conferences with matchmaking, grouped by phase, each with
    the user's participant (or None) and whether they may register; for
    staff also the conferences without matchmaking. Three queries."""
    today = timezone.localdate()
    events = list(
        Event.objects.select_related("conference").order_by(
            "-conference__start_date", "pk"
        )
    )
    partner_ids, business_ids = user_organisations(user=user)
    mine = {}
    if partner_ids or business_ids:
        for participant in Participant.objects.filter(
            Q(partner__in=partner_ids) | Q(business__in=business_ids),
            event__in=[e.pk for e in events],
        ).order_by("pk"):
            mine.setdefault(participant.event_id, participant)
    groups = {"open": [], "upcoming": [], "past": []}
    for event in events:
        groups[event_phase(event=event, today=today)].append(
            {
                "event": event,
                "conference": event.conference,
                "participant": mine.get(event.pk),
                "can_register": bool(partner_ids or business_ids)
                and event.pk not in mine
                and registration_open(event=event, today=today),
            }
        )
    staff = user_runs_matchmaking(user=user)
    without = (
        list(
            Conference.objects.filter(matchmaking__isnull=True).order_by("-start_date")
        )
        if staff
        else []
    )
    return {"groups": groups, "without": without, "staff": staff}


def conference_get(*, slug: str) -> Conference:
    """Return the conference ``slug`` (with or without matchmaking), or 404."""
    conference = Conference.objects.filter(slug=slug).first()
    if conference is None:
        raise Http404
    return conference


def event_of(*, conference: Conference) -> Event | None:
    return Event.objects.filter(conference=conference).first()


def registration_initial(*, user) -> dict:
    """Return a new profile's fields as the organisation already gave them:
    its province and its contact (a cooperative's representative, phone and
    e-mail; a business's contact person, phone and e-mail)."""
    partner_ids, business_ids = user_organisations(user=user)
    if partner_ids:
        cooperative = Cooperative.objects.filter(partner_id=partner_ids[0]).first()
        if cooperative is None:
            return {}
        return {
            "province_code": cooperative.province_code,
            "contact_name": cooperative.representative or user.get_full_name(),
            "contact_phone": cooperative.phone,
            "contact_email": cooperative.email or user.email,
        }
    business = Business.objects.filter(pk__in=business_ids).first()
    if business is None:
        return {}
    return {
        "province_code": business.province_code,
        "contact_name": business.contact_name or user.get_full_name(),
        "contact_phone": business.phone,
        "contact_email": business.email or user.email,
    }


def participant_counts(*, event: Event) -> dict[str, int]:
    """Return the participants by status, and in all, for staff (one query)."""
    counts = dict.fromkeys(ParticipantStatus.values, 0)
    for row in (
        Participant.objects.filter(event=event)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["status"]] = row["n"]
    counts["all"] = sum(counts[s] for s in ParticipantStatus.values)
    return counts


def participant_list(*, event: Event, status: str = "") -> list[Participant]:
    """Return the event's participants (of one status if given), with their
    attendees and offer and request counts; a fixed number of queries."""
    queryset = Participant.objects.filter(event=event)
    if status:
        queryset = queryset.filter(status=status)
    return list(
        queryset.annotate(
            offer_count=Count("offers", distinct=True),
            want_count=Count("wants", distinct=True),
            attendee_count=Count("attendees", distinct=True),
        ).order_by("status", "name", "pk")
    )


def participant_get(
    *, event: Event, pk: int, approved_only: bool = False
) -> Participant:
    """Return the event's participant ``pk`` with everything its profile
    shows (categories, attendees, offers, requests), or 404."""
    queryset = Participant.objects.filter(event=event)
    if approved_only:
        queryset = queryset.filter(status=ParticipantStatus.APPROVED)
    participant = (
        queryset.select_related("partner", "business")
        .prefetch_related(
            "categories",
            "attendees",
            Prefetch(
                "offers",
                queryset=participant_offers_queryset(),
            ),
            Prefetch("wants", queryset=participant_wants_queryset()),
        )
        .filter(pk=pk)
        .first()
    )
    if participant is None:
        raise Http404
    participant.event = event
    return participant


def participant_offers_queryset():
    from ..models import Offer

    return Offer.objects.select_related("product").order_by("pk")


def participant_wants_queryset():
    from ..models import Want

    return Want.objects.select_related("product", "category").order_by("pk")


def participant_own(*, request) -> Participant:
    """Return the visitor's own participant, or 404 (staff have none)."""
    if request.participant is None:
        raise Http404
    return request.participant


def contact_visible(*, viewer: Participant | None, other: Participant) -> bool:
    """Return True when ``viewer`` may see ``other``'s phone and e-mail: it is
    themselves, or a meeting between the two has been accepted."""
    if viewer is None:
        return False
    if viewer.pk == other.pk:
        return True
    low, high = sorted((viewer.pk, other.pk))
    return other.event.meetings.filter(
        pair=f"{low}-{high}", status=MeetingStatus.ACCEPTED
    ).exists()


def participant_users_emails(*, participant: Participant) -> list[str]:
    """Return the addresses that hear about the participant's approval: its
    organisation's users and its contact e-mail."""
    users = (
        participant.partner.users.all()
        if participant.partner_id
        else participant.business.users.all()
    )
    emails = {u.email for u in users if u.email and u.is_active}
    if participant.contact_email:
        emails.add(participant.contact_email)
    return sorted(emails)


def own_products(*, partner) -> "Product.objects":
    """Return the cooperative's catalogue products: those its partner holds a
    stock record of, by title."""
    return (
        Product.objects.filter(stockrecords__partner=partner)
        .select_related("ocop_certificate")
        .distinct()
        .order_by("title", "pk")
    )


def public_products():
    """Return the public products a business may name in a request."""
    return Product.objects.filter(is_public=True).order_by("title", "pk")


def badge_attendees(*, participant: Participant) -> list[Attendee]:
    return list(participant.attendees.order_by("pk"))


def badge_check_in_url(request, attendee: Attendee) -> str:
    """Return the absolute URL a badge's QR code holds: the check-in page of
    ``attendee`` (``matchmaking:check-in-badge``)."""
    path = reverse(
        "matchmaking:check-in-badge",
        kwargs={
            "slug": attendee.participant.event.conference.slug,
            "code": attendee.badge_code,
        },
    )
    return request.build_absolute_uri(path)


def badge_qr_svg(url: str) -> str:
    """Return an inline SVG QR code of ``url`` (no external request): a
    regular QR code (phones do not read Micro QR), with a viewBox and no
    fixed size so that the badge's CSS sets its printed width, and a white
    quiet zone drawn into the image."""
    return segno.make_qr(url, error="m").svg_inline(
        omitsize=True, border=4, dark="#000", light="#fff", svgclass="mm-qr"
    )
