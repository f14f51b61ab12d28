"""Oscar's payment sources and transactions in whole dong (see ``catalog/order``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.payment.abstract_models import AbstractSource, AbstractTransaction


class Transaction(AbstractTransaction):
    amount = models.DecimalField(_("Amount"), decimal_places=0, max_digits=12)


class Source(AbstractSource):
    amount_allocated = models.DecimalField(
        _("Amount Allocated"), decimal_places=0, max_digits=12, default=0
    )
    amount_debited = models.DecimalField(
        _("Amount Debited"), decimal_places=0, max_digits=12, default=0
    )
    amount_refunded = models.DecimalField(
        _("Amount Refunded"), decimal_places=0, max_digits=12, default=0
    )


from oscar.apps.payment.models import *  # noqa: E402, F403
