"""Oscar's orders, with every amount in whole dong (VND has no minor unit).

Each money column of Oscar's concrete order models is redeclared with
``decimal_places=0``, as ``catalog/partner`` does for the stock record price;
the labels are Oscar's own, so Oscar's catalogue translates them.
"""

from django.db import models
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


class Order(AbstractOrder):
    total_incl_tax = models.DecimalField(
        _("Order total (inc. tax)"), decimal_places=0, max_digits=12
    )
    total_excl_tax = models.DecimalField(
        _("Order total (excl. tax)"), decimal_places=0, max_digits=12
    )
    shipping_incl_tax = models.DecimalField(
        _("Shipping charge (inc. tax)"), decimal_places=0, max_digits=12, default=0
    )
    shipping_excl_tax = models.DecimalField(
        _("Shipping charge (excl. tax)"), decimal_places=0, max_digits=12, default=0
    )


class Line(AbstractLine):
    line_price_incl_tax = models.DecimalField(
        _("Price (inc. tax)"), decimal_places=0, max_digits=12
    )
    line_price_excl_tax = models.DecimalField(
        _("Price (excl. tax)"), decimal_places=0, max_digits=12
    )
    line_price_before_discounts_incl_tax = models.DecimalField(
        _("Price before discounts (inc. tax)"), decimal_places=0, max_digits=12
    )
    line_price_before_discounts_excl_tax = models.DecimalField(
        _("Price before discounts (excl. tax)"), decimal_places=0, max_digits=12
    )
    unit_price_incl_tax = models.DecimalField(
        _("Unit Price (inc. tax)"),
        decimal_places=0,
        max_digits=12,
        blank=True,
        null=True,
    )
    unit_price_excl_tax = models.DecimalField(
        _("Unit Price (excl. tax)"),
        decimal_places=0,
        max_digits=12,
        blank=True,
        null=True,
    )


class LinePrice(AbstractLinePrice):
    price_incl_tax = models.DecimalField(
        _("Price (inc. tax)"), decimal_places=0, max_digits=12
    )
    price_excl_tax = models.DecimalField(
        _("Price (excl. tax)"), decimal_places=0, max_digits=12
    )
    # Oscar's label, typo included, so that its catalogue translates it.
    shipping_incl_tax = models.DecimalField(
        _("Shiping (inc. tax)"), decimal_places=0, max_digits=12, default=0
    )
    shipping_excl_tax = models.DecimalField(
        _("Shipping (excl. tax)"), decimal_places=0, max_digits=12, default=0
    )


class PaymentEvent(AbstractPaymentEvent):
    amount = models.DecimalField(_("Amount"), decimal_places=0, max_digits=12)


class OrderDiscount(AbstractOrderDiscount):
    amount = models.DecimalField(
        _("Amount"), decimal_places=0, max_digits=12, default=0
    )


class OrderLineDiscount(AbstractOrderLineDiscount):
    amount = models.DecimalField(
        _("Line discount (excl. tax)"), decimal_places=0, max_digits=12, default=0
    )


class Surcharge(AbstractSurcharge):
    incl_tax = models.DecimalField(
        _("Surcharge (inc. tax)"), decimal_places=0, max_digits=12, default=0
    )
    excl_tax = models.DecimalField(
        _("Surcharge (excl. tax)"), decimal_places=0, max_digits=12, default=0
    )


from oscar.apps.order.models import *  # noqa: E402, F403
