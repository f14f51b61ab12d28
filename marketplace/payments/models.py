"""What we keep of payments: Stripe's webhook events and card checkouts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StripeEvent(models.Model):
    """One webhook event Stripe sent us, kept whether or not it mattered.

    The unique event id makes a replayed or duplicated event a no-op.
    """

    #: Stripe's event id ("evt_…").
    event_id = models.CharField(_("Event id"), max_length=255, unique=True)
    type = models.CharField(_("Type"), max_length=100)
    payload = models.JSONField(_("Payload"))
    received_at = models.DateTimeField(_("Received at"), auto_now_add=True)
    #: Set once the event has been acted upon; null while it still has to be.
    processed_at = models.DateTimeField(_("Processed at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.event_id} {self.type}"


class CardCheckout(models.Model):
    """A card payment for a frozen basket, from PaymentIntent to order.

    Holds everything needed to place the order without the buyer's session,
    so the webhook can place it when the buyer has closed the tab. The
    PaymentIntent id and the order number are unique, and the row is locked
    while an order is placed: the redirect and the webhook place one order.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        PLACED = "placed", _("Order placed")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Paid, but the order could not be placed")

    payment_intent_id = models.CharField(
        _("PaymentIntent"), max_length=255, unique=True
    )
    basket = models.ForeignKey(
        "basket.Basket", on_delete=models.PROTECT, related_name="card_checkouts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    order_number = models.CharField(_("Order number"), max_length=128, unique=True)
    #: Whole dong, recomputed on the server from the basket.
    amount = models.PositiveBigIntegerField(_("Amount (VND)"))
    #: Guest e-mail, shipping address fields and shipping method code.
    checkout_data = models.JSONField(default=dict)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING
    )
    order = models.OneToOneField(
        "order.Order",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="card_checkout",
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Card checkout")
        verbose_name_plural = _("Card checkouts")

    def __str__(self):
        return f"{self.order_number} {self.payment_intent_id}"
