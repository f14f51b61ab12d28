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

    A bad signature gets 400 and changes nothing. A handler that fails gets
    500, so Stripe retries; the event stays recorded, unprocessed.
    """
    try:
        event = gateway.webhook_event_construct(
            request.body, request.headers.get("Stripe-Signature", "")
        )
    except gateway.WebhookSignatureInvalid as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("invalid signature")
    try:
        stripe_event_receive(event=event)
    except Exception:
        logger.exception("Stripe event %s could not be processed", event.id)
        return HttpResponse("error", status=500)
    return HttpResponse("ok")
