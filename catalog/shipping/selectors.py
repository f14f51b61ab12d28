"""Shipping charges per cooperative, read from a basket."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")


@dataclass(frozen=True)
class CooperativeShipping:
    """One cooperative's share of a basket and what it charges to ship it."""

    partner_id: int
    name: str
    #: Whole dong: the cooperative's lines, discounts included.
    subtotal: int
    #: Whole dong: the cooperative's flat fee per order.
    fee: int
    #: Whole dong, or None when shipping is never free.
    free_from: int | None

    @property
    def charge(self) -> int:
        """Return the fee, or 0 when the subtotal reaches the threshold."""
        if self.free_from is not None and self.subtotal >= self.free_from:
            return 0
        return self.fee

    @property
    def missing_for_free(self) -> int | None:
        """Return how much more ships this cooperative's lines free, if any."""
        if self.free_from is None or self.charge == 0:
            return None
        return self.free_from - self.subtotal


def basket_shipping_breakdown(*, basket) -> list[CooperativeShipping]:
    """Return the shipping of each cooperative in the basket, in basket order.

    Subtotals come from the basket's lines (already loaded for the page);
    the partners and their cooperatives' fees are read in one query. A
    partner that is not a cooperative charges nothing.
    """
    subtotals: dict[int, Decimal] = {}
    for line in basket.all_lines():
        if line.stockrecord_id is None:
            continue
        partner_id = line.stockrecord.partner_id
        subtotals[partner_id] = subtotals.get(partner_id, Decimal(0)) + (
            line.line_price_incl_tax_incl_discounts or Decimal(0)
        )
    if not subtotals:
        return []
    partners = _partners_shipping(partner_ids=list(subtotals))
    return [
        _row(partners[partner_id], subtotal=int(subtotal))
        for partner_id, subtotal in subtotals.items()
    ]


def partner_shipping_quote(*, partner_id: int, subtotal: int) -> CooperativeShipping:
    """Return what a partner charges to ship goods worth ``subtotal`` alone.

    The product page's "shipping from this cooperative", by the rule the
    checkout uses for a basket of that partner's lines only.
    """
    partners = _partners_shipping(partner_ids=[partner_id])
    return _row(partners[partner_id], subtotal=subtotal)


def _partners_shipping(*, partner_ids: list[int]) -> dict[int, dict]:
    return {
        row["pk"]: row
        for row in Partner.objects.filter(pk__in=partner_ids).values(
            "pk",
            "name",
            "cooperative__short_name",
            "cooperative__shipping_fee",
            "cooperative__free_shipping_from",
        )
    }


def _row(partner: dict, *, subtotal: int) -> CooperativeShipping:
    return CooperativeShipping(
        partner_id=partner["pk"],
        name=partner["cooperative__short_name"] or partner["name"],
        subtotal=subtotal,
        fee=partner["cooperative__shipping_fee"] or 0,
        free_from=partner["cooperative__free_shipping_from"],
    )
