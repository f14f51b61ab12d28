from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403  (Oscar's methods stay)
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from .selectors import CooperativeShipping, basket_shipping_breakdown


class PerCooperative(Base):
    """Each cooperative ships its own lines: the sum of their charges.

    A cooperative charges its flat fee once per order, nothing when its
    lines reach its free-shipping threshold (see ``CooperativeShipping``).
    """

    code = "per-cooperative"
    name = _("Delivered by each cooperative")
    description = _(
        "Each cooperative ships its own products and charges its own fee, "
        "free above its threshold."
    )

    def breakdown(self, basket) -> list[CooperativeShipping]:
        """Return the per-cooperative charges, read once per basket content."""
        key = tuple(
            (line.pk, line.quantity, line.line_price_incl_tax_incl_discounts)
            for line in basket.all_lines()
        )
        cached = getattr(basket, "_htx_shipping_breakdown", None)
        if cached is None or cached[0] != key:
            cached = (key, basket_shipping_breakdown(basket=basket))
            basket._htx_shipping_breakdown = cached
        return cached[1]

    def calculate(self, basket):
        total = sum(row.charge for row in self.breakdown(basket))
        return prices.Price(
            currency=basket.currency, excl_tax=Decimal(total), tax=Decimal(0)
        )
