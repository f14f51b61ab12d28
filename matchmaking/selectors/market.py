"""The market of one conference: the offers and requests of its approved
participants, filtered and searched (see ``matchmaking/search.py``), and a
participant's own offers and requests.

Every read loads the event's rows once (offers with their products and
categories, requests with theirs: three queries) and filters them in
Python, so a page costs the same whatever the number of rows.
"""

from dataclasses import dataclass

from django.http import Http404

from ..models import Event, Offer, Participant, ParticipantStatus, Want
from ..search import highlight, offer_text, query_words, text_matches, want_text


@dataclass
class MarketRow:
    kind: str  # "offer" or "want"
    item: Offer | Want
    participant: Participant
    title_html: str


def event_offers(*, event: Event) -> list[Offer]:
    """Return the offers of the event's approved participants (two queries)."""
    return list(
        Offer.objects.filter(
            participant__event=event, participant__status=ParticipantStatus.APPROVED
        )
        .select_related("participant", "product")
        .prefetch_related("product__categories")
        .order_by("-created_at", "-pk")
    )


def event_wants(*, event: Event) -> list[Want]:
    """Return the requests of the event's approved participants (one query)."""
    return list(
        Want.objects.filter(
            participant__event=event, participant__status=ParticipantStatus.APPROVED
        )
        .select_related("participant", "product", "category")
        .order_by("-created_at", "-pk")
    )


def _in_category(categories, category) -> bool:
    """Return True when one of ``categories`` is ``category`` or below it."""
    return any(c.path.startswith(category.path) for c in categories)


def market_rows(
    *,
    event: Event,
    kind: str = "",
    text: str = "",
    category=None,
    province_code: int | None = None,
    stars: int | None = None,
) -> list[MarketRow]:
    """Return the market's rows: offers then requests, newest first, those
    matching every filter. ``stars`` keeps offers rated at least that many
    stars (and so no requests)."""
    words = query_words(text)
    rows: list[MarketRow] = []
    if kind in ("", "offer"):
        for offer in event_offers(event=event):
            if words and not text_matches(offer_text(offer), words):
                continue
            if category is not None and not _in_category(
                offer.product.categories.all(), category
            ):
                continue
            if province_code and offer.participant.province_code != province_code:
                continue
            if stars and (offer.ocop_stars or 0) < stars:
                continue
            rows.append(
                MarketRow(
                    "offer",
                    offer,
                    offer.participant,
                    highlight(offer.product.title, text),
                )
            )
    if kind in ("", "want") and not stars:
        for want in event_wants(event=event):
            if words and not text_matches(want_text(want), words):
                continue
            if category is not None and not (
                want.category_id and _in_category([want.category], category)
            ):
                continue
            if province_code and province_code not in (
                want.participant.province_code,
                want.destination_province_code,
            ):
                continue
            rows.append(
                MarketRow("want", want, want.participant, highlight(want.goods, text))
            )
    return rows


def offer_own(*, participant: Participant, pk: int) -> Offer:
    """Return the participant's offer ``pk``, or 404 (also for another's)."""
    offer = (
        Offer.objects.filter(participant=participant, pk=pk)
        .select_related("product")
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def want_own(*, participant: Participant, pk: int) -> Want:
    """Return the participant's request ``pk``, or 404 (also for another's)."""
    want = Want.objects.filter(participant=participant, pk=pk).first()
    if want is None:
        raise Http404
    return want
