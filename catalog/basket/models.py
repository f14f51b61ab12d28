"""Oscar's basket, with line prices in whole dong (see ``catalog/order``)."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.abstract_models import AbstractLine

from marketplace.core.money import WholeDongField


class Line(AbstractLine):
    # The price when the line was added (Oscar compares it with today's).
    price_excl_tax = WholeDongField(_("Price excl. Tax"), null=True)
    price_incl_tax = WholeDongField(_("Price incl. Tax"), null=True)


from oscar.apps.basket.models import *  # noqa: E402, F403
