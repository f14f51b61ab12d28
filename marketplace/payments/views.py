"""Stripe's webhook endpoint."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import stripe_gateway as gateway
from .webhooks import stripe_event_receive

logger = logging.getLogger("htx.payments")


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Verify the signature, record the event, process it once.

    A bad signature, or a signed body that is not an event (not a JSON
    object, no string ``id`` or ``type``), gets 400 and changes nothing. A
    handler that fails gets 500, so Stripe retries; the event stays recorded,
    unprocessed.
    """
    try:
        event = gateway.webhook_event_construct(
            request.body, request.headers.get("Stripe-Signature", "")
        )
    except gateway.WebhookSignatureInvalid as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("invalid signature")
    except (KeyError, AttributeError, TypeError) as error:
        # Signed with our secret but not an event: a JSON array or string, or
        # an object without "id" or "type". Nothing to record or retry.
        logger.warning("Stripe webhook refused, not an event: %r", error)
        return HttpResponseBadRequest("malformed event")
    if not _is_event_name(event.id, 255) or not _is_event_name(event.type, 100):
        logger.warning("Stripe webhook refused, bad id or type")
        return HttpResponseBadRequest("malformed event")
    try:
        stripe_event_receive(event=event)
    except Exception:
        logger.exception("Stripe event %s could not be processed", event.id)
        return HttpResponse("error", status=500)
    return HttpResponse("ok")


def _is_event_name(value: object, max_length: int) -> bool:
    """Return whether ``value`` fits an event's id or type column (StripeEvent)."""
    return isinstance(value, str) and 0 < len(value) <= max_length
