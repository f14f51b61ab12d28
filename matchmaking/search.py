"""A conference's offers and requests as the search layer indexes them.

Matchmaking registers two listing sources with ``marketplace.search``
(``register``, from the app's ready()): "offer" and "want", scoped by the
event's id, so a search never crosses conferences. A record's text holds
the product, its categories, the goods asked for, the note, the unit, the
participant's name and provinces; only approved participants' rows are
indexable, so a pending or rejected participant's rows are never found.
``search_signals.py`` reindexes them when they change; the market asks
``listing_search`` for the ids and reads the rows in one query.
"""

from collections.abc import Iterable, Iterator

from django.urls import reverse

from marketplace.core import vn_units
from marketplace.search.database.text import highlight, query_words
from marketplace.search.records import ListingRecord
from marketplace.search.service import listing_search
from marketplace.search.sources import listing_source_register

from .models import Event, Offer, ParticipantStatus, Want

__all__ = [
    "OFFER",
    "WANT",
    "highlight",
    "market_search",
    "query_words",
    "register",
]

#: The listing kinds matchmaking registers.
OFFER = "offer"
WANT = "want"


def event_scope(event_id: int) -> str:
    """Return the search scope of an event's offers and requests."""
    return str(event_id)


def _indexable(model, ids: Iterable[int] | None):
    rows = model.objects.filter(participant__status=ParticipantStatus.APPROVED)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.select_related("participant__event__conference").order_by("pk")


def _url(participant) -> str:
    return reverse(
        "matchmaking:participant-detail",
        kwargs={"slug": participant.event.conference.slug, "pk": participant.pk},
    )


def offer_records(ids: Iterable[int] | None = None) -> Iterator[ListingRecord]:
    """Yield the records of the approved participants' offers (of ``ids``)."""
    offers = (
        _indexable(Offer, ids)
        .select_related("product")
        .prefetch_related("product__categories")
    )
    for offer in offers.iterator(chunk_size=200):
        participant = offer.participant
        yield ListingRecord(
            kind=OFFER,
            object_id=offer.pk,
            scope=event_scope(participant.event_id),
            title=offer.product.title,
            text=" ".join(
                [
                    *(c.name for c in offer.product.categories.all()),
                    offer.note,
                    offer.unit,
                    participant.name,
                    vn_units.province_name(participant.province_code),
                ]
            ),
            url=_url(participant),
            date=offer.created_at,
        )


def want_records(ids: Iterable[int] | None = None) -> Iterator[ListingRecord]:
    """Yield the records of the approved participants' requests (of ``ids``)."""
    wants = _indexable(Want, ids).select_related("product", "category")
    for want in wants.iterator(chunk_size=200):
        participant = want.participant
        yield ListingRecord(
            kind=WANT,
            object_id=want.pk,
            scope=event_scope(participant.event_id),
            title=want.goods,
            text=" ".join(
                [
                    want.product.title if want.product_id else "",
                    want.category.name if want.category_id else "",
                    want.note,
                    want.unit,
                    participant.name,
                    vn_units.province_name(participant.province_code),
                    vn_units.province_name(want.destination_province_code),
                ]
            ),
            url=_url(participant),
            date=want.created_at,
        )


def market_search(*, event: Event, kind: str = "", text: str) -> list[tuple[str, int]]:
    """Return (kind, id) of the event's offers and requests matching ``text``,
    best first, as the search layer answers."""
    return listing_search(kind=kind or None, scope=event_scope(event.pk), q=text)


def register() -> None:
    """Register the offers and requests as search's listing sources (from ready())."""
    listing_source_register(kind=OFFER, records=offer_records)
    listing_source_register(kind=WANT, records=want_records)
