"""The market of one conference: the offers and requests of its approved
participants, filtered and searched (see ``matchmaking/search.py``), and a
participant's own offers and requests.

Every read loads the event's rows once (offers with their products and
categories, requests with theirs: three queries) and filters them in
Python, so a page costs the same whatever the number of rows. Text goes
through the search layer first (one more query on the database backend):
its ids narrow the rows, in its order of relevance.
"""

from dataclasses import dataclass

from django.http import Http404

from ..models import Event, Offer, Participant, ParticipantStatus, Want
from ..search import OFFER, WANT, highlight, market_search, query_words


@dataclass
class MarketRow:
    kind: str  # "offer" or "want"
    item: Offer | Want
    participant: Participant
    title_html: str


def event_offers(*, event: Event, ids: list[int] | None = None) -> list[Offer]:
    """Return the offers of the event's approved participants (two queries),
    only those of ``ids`` when given."""
    offers = Offer.objects.filter(
        participant__event=event, participant__status=ParticipantStatus.APPROVED
    )
    if ids is not None:
        offers = offers.filter(pk__in=ids)
    return list(
        offers.select_related("participant", "product")
        .prefetch_related("product__categories")
        .order_by("-created_at", "-pk")
    )


def event_wants(*, event: Event, ids: list[int] | None = None) -> list[Want]:
    """Return the requests of the event's approved participants (one query),
    only those of ``ids`` when given."""
    wants = Want.objects.filter(
        participant__event=event, participant__status=ParticipantStatus.APPROVED
    )
    if ids is not None:
        wants = wants.filter(pk__in=ids)
    return list(
        wants.select_related("participant", "product", "category").order_by(
            "-created_at", "-pk"
        )
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
    """Return the market's rows: offers then requests, newest first (with
    ``text``: best match first), those matching every filter. ``stars`` keeps
    offers rated at least that many stars (and so no requests)."""
    hits = None
    if query_words(text):
        # Stars are for offers only: then only offers can be found.
        hits = market_search(event=event, kind=OFFER if stars else kind, text=text)
    found = {OFFER: None, WANT: None}
    if hits is not None:
        found = {k: [pk for hit_kind, pk in hits if hit_kind == k] for k in found}
    rows: list[MarketRow] = []
    if kind in ("", "offer"):
        for offer in event_offers(event=event, ids=found[OFFER]):
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
        for want in event_wants(event=event, ids=found[WANT]):
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
    if hits is not None:
        rank = {hit: n for n, hit in enumerate(hits)}
        rows.sort(key=lambda row: rank[(row.kind, row.item.pk)])
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
