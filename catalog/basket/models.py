"""Oscar's basket, with line prices in whole dong (see ``catalog/order``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.abstract_models import AbstractLine


class Line(AbstractLine):
    # The price when the line was added (Oscar compares it with today's).
    price_excl_tax = models.DecimalField(
        _("Price excl. Tax"), decimal_places=0, max_digits=12, null=True
    )
    price_incl_tax = models.DecimalField(
        _("Price incl. Tax"), decimal_places=0, max_digits=12, null=True
    )


from oscar.apps.basket.models import *  # noqa: E402, F403
