"""Record Stripe's webhook events and hand each new one to its handler.

Handlers register by event type (the checkout registers the one that places
an order when a PaymentIntent succeeds), so this module knows no checkout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from .models import StripeEvent
from .stripe_gateway import WebhookEvent

logger = logging.getLogger("htx.payments")

Handler = Callable[[WebhookEvent], None]
_HANDLERS: dict[str, list[Handler]] = {}


def webhook_handler_register(event_type: str) -> Callable[[Handler], Handler]:
    """Register the decorated function for ``event_type`` (once per function)."""

    def decorate(func: Handler) -> Handler:
        handlers = _HANDLERS.setdefault(event_type, [])
        if func not in handlers:
            handlers.append(func)
        return func

    return decorate


def stripe_event_receive(*, event: WebhookEvent) -> tuple[StripeEvent, bool]:
    """Record a verified event and process it unless it was processed before.

    Return the record and whether it was processed now. The record is
    committed first, so an event is kept even if its handler fails (Stripe
    then sends it again, and it is processed then).
    """
    record, _ = StripeEvent.objects.get_or_create(
        event_id=event.id, defaults={"type": event.type, "payload": event.data}
    )
    with transaction.atomic():
        record = StripeEvent.objects.select_for_update().get(pk=record.pk)
        if record.processed_at is not None:
            logger.info("Stripe event %s already processed", event.id)
            return record, False
        for handler in _HANDLERS.get(event.type, []):
            handler(event)
        record.processed_at = timezone.now()
        record.save(update_fields=["processed_at"])
    return record, True
