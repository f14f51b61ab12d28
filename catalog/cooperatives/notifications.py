"""E-mails of one order, many cooperatives, through Oscar's communication app.

Each message is a CommunicationEventType code rendered from the file templates
``oscar/communication/emails/commtype_<code>_{subject,body}.txt`` and
``..._body.html`` (Oscar needs no database row for a code). They are sent
after the transaction that placed the order or shipped the lines commits, in
the site's language.

The privacy rule of the cooperative area holds here: a cooperative's message
carries only its own lines and the delivery address, never the other
cooperatives' lines or the order total.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_class, get_model

from .shipments import order_shipments

Dispatcher = get_class("communication.utils", "Dispatcher")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")
Order = get_model("order", "Order")
Line = get_model("order", "Line")

#: A cooperative's new lines in a placed order (to the cooperative's users).
COOPERATIVE_ORDER_PLACED = "COOPERATIVE_ORDER_PLACED"
#: One cooperative's lines went out (to the buyer).
ORDER_SHIPPED = "ORDER_SHIPPED"


def _partner_recipients(partner) -> list[str]:
    """Return the e-mails of the partner's users and its cooperative's address."""
    emails = {user.email for user in partner.users.all() if user.email}
    cooperative = getattr(partner, "cooperative", None)
    if cooperative is not None and cooperative.email:
        emails.add(cooperative.email)
    return sorted(emails)


def _order_status_path(order) -> str:
    try:
        if order.user_id:
            return reverse("customer:order", kwargs={"order_number": order.number})
        return reverse(
            "customer:anon-order",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        )
    except NoReverseMatch:
        return ""


def order_cooperatives_notify(*, order_id: int) -> int:
    """E-mail each cooperative of the order its own new lines; return messages sent."""
    order = Order.objects.select_related("shipping_address").get(pk=order_id)
    lines = list(
        Line.objects.filter(order=order)
        .select_related("partner__cooperative")
        .prefetch_related("partner__users")
        .order_by("pk")
    )
    by_partner: dict[int, list] = {}
    for line in lines:
        if line.partner_id is not None:
            by_partner.setdefault(line.partner_id, []).append(line)
    dispatcher = Dispatcher()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for own_lines in by_partner.values():
            partner = own_lines[0].partner
            recipients = _partner_recipients(partner)
            if not recipients:
                continue
            cooperative = getattr(partner, "cooperative", None)
            messages = dispatcher.get_messages(
                COOPERATIVE_ORDER_PLACED,
                {
                    "order_number": order.number,
                    "date_placed": order.date_placed,
                    "currency": order.currency,
                    "cooperative_name": cooperative.name
                    if cooperative
                    else partner.name,
                    "lines": own_lines,
                    "shipping_address": order.shipping_address,
                    "lines_path": reverse("cooperatives:manage-lines"),
                },
            )
            for email in recipients:
                dispatcher.dispatch_direct_messages(email, messages)
                sent += 1
    return sent


def shipment_buyer_notify(*, order_id: int, partner_id: int) -> bool:
    """E-mail the buyer that one cooperative's lines are shipped; return sent."""
    order = Order.objects.select_related("user", "shipping_address").get(pk=order_id)
    shipment = next(
        (s for s in order_shipments(order=order) if s.partner_id == partner_id), None
    )
    if shipment is None or not order.email:
        return False
    dispatcher = OrderDispatcher()
    with translation.override(settings.LANGUAGE_CODE):
        messages = dispatcher.dispatcher.get_messages(
            ORDER_SHIPPED,
            {
                "order": order,
                "shipment": shipment,
                "shipped_lines": [
                    sl.line
                    for sl in shipment.lines
                    if sl.line.status in ("Shipped", "Delivered")
                ],
                "status_path": _order_status_path(order),
            },
        )
        dispatcher.dispatch_order_messages(order, messages, ORDER_SHIPPED)
    return True


@receiver(order_placed, dispatch_uid="htx_cooperatives_order_placed")
def _on_order_placed(sender, order, **kwargs) -> None:
    # Every payment method places its order through Oscar's OrderCreator,
    # also a card order placed by Stripe's webhook, so this is the one hook.
    order_id = order.pk
    transaction.on_commit(lambda: order_cooperatives_notify(order_id=order_id))
