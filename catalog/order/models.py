"""Oscar's orders, with every amount in whole dong (VND has no minor unit).

Each money column of Oscar's concrete order models is redeclared as a
``WholeDongField`` (``marketplace/core/money.py``), as ``catalog/partner``
does for the stock record price; the labels are Oscar's own, so Oscar's
catalogue translates them.
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import (
    AbstractLine,
    AbstractLinePrice,
    AbstractOrder,
    AbstractOrderDiscount,
    AbstractOrderLineDiscount,
    AbstractPaymentEvent,
    AbstractSurcharge,
)

from marketplace.core.money import WholeDongField


class Order(AbstractOrder):
    total_incl_tax = WholeDongField(_("Order total (inc. tax)"))
    total_excl_tax = WholeDongField(_("Order total (excl. tax)"))
    shipping_incl_tax = WholeDongField(_("Shipping charge (inc. tax)"), default=0)
    shipping_excl_tax = WholeDongField(_("Shipping charge (excl. tax)"), default=0)


class Line(AbstractLine):
    line_price_incl_tax = WholeDongField(_("Price (inc. tax)"))
    line_price_excl_tax = WholeDongField(_("Price (excl. tax)"))
    line_price_before_discounts_incl_tax = WholeDongField(
        _("Price before discounts (inc. tax)")
    )
    line_price_before_discounts_excl_tax = WholeDongField(
        _("Price before discounts (excl. tax)")
    )
    unit_price_incl_tax = WholeDongField(
        _("Unit Price (inc. tax)"),
        blank=True,
        null=True,
    )
    unit_price_excl_tax = WholeDongField(
        _("Unit Price (excl. tax)"),
        blank=True,
        null=True,
    )


class LinePrice(AbstractLinePrice):
    price_incl_tax = WholeDongField(_("Price (inc. tax)"))
    price_excl_tax = WholeDongField(_("Price (excl. tax)"))
    # Oscar's label, typo included, so that its catalogue translates it.
    shipping_incl_tax = WholeDongField(_("Shiping (inc. tax)"), default=0)
    shipping_excl_tax = WholeDongField(_("Shipping (excl. tax)"), default=0)


class PaymentEvent(AbstractPaymentEvent):
    amount = WholeDongField(_("Amount"))


class OrderDiscount(AbstractOrderDiscount):
    amount = WholeDongField(_("Amount"), default=0)


class OrderLineDiscount(AbstractOrderLineDiscount):
    amount = WholeDongField(_("Line discount (excl. tax)"), default=0)


class Surcharge(AbstractSurcharge):
    incl_tax = WholeDongField(_("Surcharge (inc. tax)"), default=0)
    excl_tax = WholeDongField(_("Surcharge (excl. tax)"), default=0)


from oscar.apps.order.models import *  # noqa: E402, F403
