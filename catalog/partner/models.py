from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractStockRecord

from marketplace.core.money import WholeDongField


class StockRecord(AbstractStockRecord):
    """Oscar's stock record, priced in whole dong.

    VND has no minor unit, so the price column stores no decimals at all.
    """

    #: Price in whole dong (VND); decimals are refused, not rounded.
    price = WholeDongField(
        _("Price"),
        max_digits=14,
        blank=True,
        null=True,
        validators=[MinValueValidator(1)],
    )


from oscar.apps.partner.models import *  # noqa: E402, F403
