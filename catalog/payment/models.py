"""Oscar's payment sources and transactions in whole dong (see ``catalog/order``)."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.payment.abstract_models import AbstractSource, AbstractTransaction

from marketplace.core.money import WholeDongField


class Transaction(AbstractTransaction):
    amount = WholeDongField(_("Amount"))


class Source(AbstractSource):
    amount_allocated = WholeDongField(_("Amount Allocated"), default=0)
    amount_debited = WholeDongField(_("Amount Debited"), default=0)
    amount_refunded = WholeDongField(_("Amount Refunded"), default=0)


from oscar.apps.payment.models import *  # noqa: E402, F403
