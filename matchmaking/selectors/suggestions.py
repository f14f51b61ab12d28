"""Suggested partners: for a participant, the other side's participants
(cooperatives for a business, businesses for a cooperative) ranked by how
well an offer meets a request, each with its reasons in words.

An offer meets a request first by what it is (the same product, the same
category, or the request's goods named in the product's title, whatever the
accents); then it scores for covering the monthly volume, being in season
in the delivery window, and the distance between the cooperative and where
the goods go. The event's offers, requests and open meetings are read once
(four queries) and scored in Python.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from marketplace.core import vn_units
from marketplace.core.text import fold_vi

from ..models import OPEN_STATUSES, Meeting, Offer, Participant, Want
from ..search import query_words
from .market import event_offers, event_wants

SCORE_SAME_PRODUCT = 6
SCORE_GOODS_NAMED = 5
SCORE_SAME_CATEGORY = 4
SCORE_VOLUME = 2
SCORE_SEASON = 2
SCORE_SAME_PROVINCE = 2
SCORE_SAME_REGION = 1


@dataclass
class Suggestion:
    participant: Participant
    score: int
    reasons: list[str] = field(default_factory=list)
    offer: Offer | None = None
    want: Want | None = None
    #: An open (requested or accepted) meeting with them already stands.
    invited: bool = False


def distance_score(a: int | None, b: int | None) -> tuple[int, str]:
    """Return (points, reason) for two provinces: same > same region > far."""
    if not a or not b:
        return 0, ""
    if a == b:
        return SCORE_SAME_PROVINCE, _("Same province")
    region = vn_units.province_region(a)
    if region and region == vn_units.province_region(b):
        return SCORE_SAME_REGION, _("Same region")
    return 0, ""


def offer_months(offer: Offer) -> set[int]:
    """Return the months (1-12) of the offer's season; all year when unset."""
    if offer.season_from is None or offer.season_until is None:
        return set(range(1, 13))
    start, end = offer.season_from, offer.season_until
    if start <= end:
        return set(range(start, end + 1))
    return set(range(start, 13)) | set(range(1, end + 1))


def window_months(start: datetime.date | None, end: datetime.date | None) -> set[int]:
    """Return the months a delivery window touches (empty when unknown)."""
    if start is None or end is None:
        return set()
    months = set()
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month) and len(months) < 12:
        months.add(month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _category_paths(offer: Offer) -> list[str]:
    return [c.path for c in offer.product.categories.all()]


def pair_score(offer: Offer, want: Want) -> tuple[int, list[str]]:
    """Return (score, reasons) of an offer against a request; 0 when the
    goods do not match."""
    if want.product_id and want.product_id == offer.product_id:
        score, reasons = (
            SCORE_SAME_PRODUCT,
            [_("Same product: %(product)s") % {"product": offer.product.title}],
        )
    else:
        goods = " " + " ".join(query_words(want.goods)) + " "
        title = " " + " ".join(query_words(offer.product.title)) + " "
        # Whole words either way: "Na" names "Na Chi Lăng", and so does
        # "Na Chi Lăng loại 1"; "Nam" names neither.
        if goods.strip() and (goods in title or title in goods):
            score, reasons = (
                SCORE_GOODS_NAMED,
                [_("Same goods: %(product)s") % {"product": offer.product.title}],
            )
        elif want.category_id and any(
            path.startswith(want.category.path) or want.category.path.startswith(path)
            for path in _category_paths(offer)
        ):
            score, reasons = (
                SCORE_SAME_CATEGORY,
                [_("Same category: %(category)s") % {"category": want.category.name}],
            )
        else:
            return 0, []
    if (
        offer.unit.strip().lower() == want.unit.strip().lower()
        and offer.monthly_volume >= want.monthly_volume
    ):
        score += SCORE_VOLUME
        reasons.append(_("Enough volume"))
    if offer_months(offer) & window_months(want.deliver_from, want.deliver_until):
        score += SCORE_SEASON
        reasons.append(_("In season"))
    points, reason = distance_score(
        offer.participant.province_code,
        want.destination_province_code or want.participant.province_code,
    )
    if points:
        score += points
        reasons.append(reason)
    return score, reasons


def suggestions_for(*, participant: Participant, limit: int = 20) -> list[Suggestion]:
    """Return the other side's participants that match ``participant``'s
    offers or requests, best first (ties by name), at most ``limit``."""
    offers = event_offers(event=participant.event)
    wants = event_wants(event=participant.event)
    if participant.is_cooperative:
        pairs = [
            (o, w, w.participant)
            for o in offers
            if o.participant_id == participant.pk
            for w in wants
            if not w.participant.is_cooperative
        ]
    else:
        pairs = [
            (o, w, o.participant)
            for w in wants
            if w.participant_id == participant.pk
            for o in offers
            if o.participant.is_cooperative
        ]
    best: dict[int, Suggestion] = {}
    for offer, want, other in pairs:
        if other.pk == participant.pk:
            continue
        score, reasons = pair_score(offer, want)
        if score and (other.pk not in best or score > best[other.pk].score):
            best[other.pk] = Suggestion(other, score, reasons, offer, want)
    open_pairs = (
        set(
            Meeting.objects.filter(event=participant.event, status__in=OPEN_STATUSES)
            .filter(
                pair__in=[
                    "-".join(map(str, sorted((participant.pk, pk)))) for pk in best
                ]
            )
            .values_list("pair", flat=True)
        )
        if best
        else set()
    )
    for other_pk, suggestion in best.items():
        suggestion.invited = (
            "-".join(map(str, sorted((participant.pk, other_pk)))) in open_pairs
        )
    ranked = sorted(
        best.values(),
        key=lambda s: (s.invited, -s.score, fold_vi(s.participant.name).lower()),
    )
    return ranked[:limit]
