"""One order, many cooperatives: each cooperative's lines ship as one shipment.

The buyer sees one order; each cooperative fulfils its own lines (Oscar's
line pipeline, ``OSCAR_LINE_STATUS_PIPELINE``). A shipment's status is
derived from its lines' statuses, never stored. When a line is marked
shipped, an Oscar ShippingEvent records which lines went and when.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from catalog.checkout import payment_events
from catalog.checkout.payment_methods import PaidWhen, payment_source_type_names

from .line_status import line_status_label
from .models import ApprovalStatus

Line = get_model("order", "Line")
ShippingEventType = get_model("order", "ShippingEventType")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")
EventHandler = get_class("order.processing", "EventHandler")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED = (
    "Pending",
    "Confirmed",
    "Shipped",
    "Delivered",
    "Cancelled",
)
#: Shipment status codes beyond the line statuses.
MIXED = "Mixed"

#: Payment states of a shipment's lines.
PAID, UNPAID, PARTLY_PAID, REFUNDED, PAY_ON_DELIVERY = (
    "paid",
    "unpaid",
    "partly-paid",
    "refunded",
    "pay-on-delivery",
)
PAYMENT_LABELS = {
    PAID: _("Paid"),
    UNPAID: _("Not paid yet"),
    PARTLY_PAID: _("Partly paid"),
    REFUNDED: _("Refunded"),
    PAY_ON_DELIVERY: _("To pay on delivery"),
}
#: Oscar payment event type names written by checkout (and read by settlement).
_PAID_EVENT, _REFUNDED_EVENT = payment_events.PAID, payment_events.REFUNDED
_SHIPPED_EVENT = "Shipped"


@dataclass(frozen=True)
class ShipmentLine:
    line: Line
    status_label: str
    paid: bool
    refunded: bool


@dataclass(frozen=True)
class Shipment:
    """One cooperative's part of an order, as the buyer sees it."""

    partner_id: int
    name: str
    #: The cooperative's storefront ("" for a partner without a cooperative).
    url: str
    lines: list[ShipmentLine]
    #: A line status (all lines agree, cancelled ones aside) or ``MIXED``.
    status: str
    #: When the last of the lines was shipped (for a shipped status).
    shipped_on: datetime.date | None
    #: (label, number of lines) per line status, for a mixed shipment.
    parts: list[tuple[str, int]] = field(default_factory=list)
    payment: str = UNPAID

    @property
    def status_label(self) -> str:
        if self.status == MIXED:
            return str(_("In progress"))
        return line_status_label(self.status)

    @property
    def payment_label(self) -> str:
        return str(PAYMENT_LABELS[self.payment])


def _shipment_status(statuses: list[str]) -> tuple[str, list[tuple[str, int]]]:
    """Return the shipment status of these line statuses, and the mixed parts."""
    active = [s for s in statuses if s != CANCELLED]
    if not active:
        return CANCELLED, []
    if len(set(active)) == 1:
        return active[0], []
    counts = Counter(statuses)
    order = [PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED]
    parts = sorted(counts.items(), key=lambda item: _rank(order, item[0]))
    return MIXED, [(line_status_label(status), n) for status, n in parts]


def _rank(order: list[str], status: str) -> int:
    return order.index(status) if status in order else len(order)


def _payment(lines: list[ShipmentLine], *, cash_on_delivery: bool) -> str:
    billable = [sl for sl in lines if sl.line.status != CANCELLED] or lines
    if all(sl.refunded for sl in billable):
        return REFUNDED
    if all(sl.paid and not sl.refunded for sl in billable):
        return PAID
    if any(sl.paid for sl in billable):
        return PARTLY_PAID
    return PAY_ON_DELIVERY if cash_on_delivery else UNPAID


def order_shipments(*, order) -> list[Shipment]:
    """Return the order's lines grouped by cooperative, one Shipment each.

    Five queries whatever the number of cooperatives: the lines (with their
    partner, cooperative and product), their attributes (in the description),
    their payment events, their shipping events and the order's payment
    sources.
    """
    lines = list(
        Line.objects.filter(order=order)
        .select_related("partner__cooperative", "product")
        .prefetch_related(
            "attributes",
            Prefetch(
                "payment_event_quantities",
                queryset=PaymentEventQuantity.objects.select_related(
                    "event__event_type"
                ),
            ),
            Prefetch(
                "shipping_event_quantities",
                queryset=ShippingEventQuantity.objects.select_related(
                    "event__event_type"
                ),
            ),
        )
        .order_by("pk")
    )
    paid_on_delivery = payment_source_type_names(paid_when=PaidWhen.DELIVERY)
    cash_on_delivery = any(
        source.source_type.name in paid_on_delivery
        for source in order.sources.select_related("source_type")
    )
    groups: dict[int | None, list[Line]] = {}
    for line in lines:
        groups.setdefault(line.partner_id, []).append(line)
    shipments = [
        _shipment(partner_id, group, cash_on_delivery=cash_on_delivery)
        for partner_id, group in groups.items()
    ]
    return sorted(shipments, key=lambda shipment: shipment.name)


def _shipment(partner_id, group: list[Line], *, cash_on_delivery: bool) -> Shipment:
    first = group[0]
    cooperative = getattr(first.partner, "cooperative", None) if first.partner else None
    shipment_lines = []
    shipped_dates = []
    for line in group:
        payment_events = {
            q.event.event_type.name for q in line.payment_event_quantities.all()
        }
        shipment_lines.append(
            ShipmentLine(
                line=line,
                status_label=line_status_label(line.status),
                paid=_PAID_EVENT in payment_events,
                refunded=_REFUNDED_EVENT in payment_events,
            )
        )
        shipped_dates += [
            q.event.date_created
            for q in line.shipping_event_quantities.all()
            if q.event.event_type.name == _SHIPPED_EVENT
        ]
    status, parts = _shipment_status([line.status for line in group])
    return Shipment(
        partner_id=partner_id,
        name=cooperative.name if cooperative else first.partner_name,
        url=(
            cooperative.get_absolute_url()
            if cooperative and cooperative.status == ApprovalStatus.APPROVED
            else ""
        ),
        lines=shipment_lines,
        status=status,
        shipped_on=timezone.localdate(max(shipped_dates)) if shipped_dates else None,
        parts=parts,
        payment=_payment(shipment_lines, cash_on_delivery=cash_on_delivery),
    )


def shipment_line_status_changed(*, line: Line, status: str) -> None:
    """Record a shipped line as an Oscar ShippingEvent; tell the buyer once.

    The buyer hears of a cooperative's shipment when the last of its lines
    in the order that is neither cancelled nor yet shipped goes out (after
    the transaction commits), with the lines shipped.
    """
    if status == SHIPPED:
        event_type, _created = ShippingEventType.objects.get_or_create(
            name=_SHIPPED_EVENT
        )
        EventHandler().create_shipping_event(
            line.order, event_type, [line], [line.quantity]
        )
    if status not in (SHIPPED, CANCELLED):
        return
    statuses = list(
        Line.objects.filter(order=line.order, partner=line.partner).values_list(
            "status", flat=True
        )
    )
    gone = {SHIPPED, DELIVERED} & set(statuses)
    if not gone or any(s in (PENDING, CONFIRMED) for s in statuses):
        return
    from .notifications import shipment_buyer_notify

    order_id, partner_id = line.order_id, line.partner_id
    transaction.on_commit(
        lambda: shipment_buyer_notify(order_id=order_id, partner_id=partner_id)
    )
