from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.models import *  # noqa: F403


class OrderShippingCharge(models.Model):
    """What one cooperative charged to ship its lines of a placed order.

    Written with the order, in the same transaction; the order's own
    shipping charge is the sum of these rows.
    """

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="shipping_charges"
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="shipping_charges"
    )
    #: Whole dong.
    amount = models.PositiveIntegerField(_("Shipping charge (₫)"))

    class Meta:
        verbose_name = _("Shipping charge of a cooperative")
        verbose_name_plural = _("Shipping charges of cooperatives")
        # The Finance staff's named permissions (marketplace/core/roles.py); they
        # live here because checkout has no model of its own for payments.
        permissions = [
            ("record_bank_transfer", _("Can record bank transfers received")),
            ("view_settlement", _("Can view and export the settlement")),
            ("refund_payment", _("Can refund card payments")),
            ("use_whole_dashboard", _("Can use the whole of the store dashboard")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "partner"], name="order_shipping_charge_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_id}/{self.partner_id}: {self.amount}"
