"""The one module that talks to Stripe.

Everything else calls these functions and catches :class:`GatewayError`;
nothing else imports ``stripe``. Keys are read from settings on every call,
never at import, so tests and a deployment can change them without a restart.
The API version is pinned here once.

Amounts are whole dong: VND is a zero-decimal currency for Stripe, so
``amount=45000`` is 45.000 ₫.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

import stripe
from django.conf import settings

#: The API version every request is made with.
API_VERSION = "2026-10-28.endive"
CURRENCY = "vnd"
#: Seconds a webhook signature stays valid (Stripe's default).
WEBHOOK_TOLERANCE = 300


class GatewayError(Exception):
    """Stripe refused a request or could not be reached."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class GatewayNotConfigured(GatewayError):
    """No Stripe keys are set; card payment is switched off."""


class CardDeclined(GatewayError):
    """The card was declined (or failed authentication)."""


class WebhookSignatureInvalid(GatewayError):
    """A webhook's payload or signature is not what Stripe would have sent."""


@dataclass(frozen=True)
class PaymentIntentData:
    """What we keep of a PaymentIntent."""

    id: str
    status: str
    amount: int
    currency: str
    client_secret: str | None
    metadata: dict[str, str]
    last_error: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


@dataclass(frozen=True)
class RefundData:
    id: str
    status: str
    amount: int


@dataclass(frozen=True)
class WebhookEvent:
    """A verified webhook event."""

    id: str
    type: str
    object_id: str | None
    data: dict[str, Any]


def is_configured() -> bool:
    """Return True when the secret and publishable keys are both set."""
    return bool(
        getattr(settings, "STRIPE_SECRET_KEY", "")
        and getattr(settings, "STRIPE_PUBLISHABLE_KEY", "")
    )


def publishable_key() -> str:
    return settings.STRIPE_PUBLISHABLE_KEY or ""


def stripe_js_url() -> str:
    """Return where Stripe.js is loaded from (STRIPE_JS_URL for a local double)."""
    return getattr(settings, "STRIPE_JS_URL", "") or "https://js.stripe.com/v3/"


def _client() -> stripe.StripeClient:
    if not is_configured():
        raise GatewayNotConfigured("Stripe keys are not configured.")
    base = getattr(settings, "STRIPE_API_BASE", "") or None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        stripe_version=API_VERSION,
        base_addresses={"api": base} if base else None,
        max_network_retries=2,
    )


def _intent(resource: Any) -> PaymentIntentData:
    obj = resource.to_dict()
    error = obj.get("last_payment_error") or None
    return PaymentIntentData(
        id=obj["id"],
        status=obj["status"],
        amount=int(obj["amount"]),
        currency=obj["currency"],
        client_secret=obj.get("client_secret"),
        metadata=dict(obj.get("metadata") or {}),
        last_error=(error.get("message") if error else None),
    )


def _raise(error: stripe.StripeError) -> NoReturn:
    code = getattr(error, "code", None)
    message = getattr(error, "user_message", None) or str(error)
    if isinstance(error, stripe.CardError):
        raise CardDeclined(message, code=code) from error
    raise GatewayError(message, code=code) from error


def payment_intent_create(
    *, amount: int, reference: str, idempotency_key: str
) -> PaymentIntentData:
    """Create a card PaymentIntent for ``amount`` whole dong.

    ``reference`` (our checkout reference) goes into the metadata, so an
    event can be matched to a basket even if our own row is lost.
    """
    if int(amount) <= 0:
        raise GatewayError("The amount must be positive.")
    params: dict[str, Any] = {
        "amount": int(amount),
        "currency": CURRENCY,
        "payment_method_types": ["card"],
        "metadata": {"reference": reference},
    }
    try:
        obj = _client().v1.payment_intents.create(
            params=params,  # type: ignore[arg-type]
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as error:
        _raise(error)
    return _intent(obj)


def payment_intent_retrieve(*, intent_id: str) -> PaymentIntentData:
    """Return the PaymentIntent as Stripe has it now."""
    try:
        obj = _client().v1.payment_intents.retrieve(intent_id)
    except stripe.StripeError as error:
        _raise(error)
    return _intent(obj)


def payment_intent_cancel(*, intent_id: str) -> PaymentIntentData:
    """Cancel a PaymentIntent that has not been paid."""
    try:
        obj = _client().v1.payment_intents.cancel(intent_id)
    except stripe.StripeError as error:
        _raise(error)
    return _intent(obj)


def refund_create(
    *, intent_id: str, amount: int | None = None, idempotency_key: str
) -> RefundData:
    """Refund a paid PaymentIntent in full, or ``amount`` dong of it."""
    params: dict[str, Any] = {"payment_intent": intent_id}
    if amount is not None:
        params["amount"] = int(amount)
    try:
        obj = _client().v1.refunds.create(
            params=params,  # type: ignore[arg-type]
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as error:
        _raise(error)
    return RefundData(id=obj["id"], status=obj["status"], amount=int(obj["amount"]))


def webhook_event_construct(payload: bytes | str, sig_header: str) -> WebhookEvent:
    """Verify a webhook's signature with the SDK and return its event.

    Raises WebhookSignatureInvalid for a bad signature, a stale timestamp, a
    wrong secret or a payload that is not JSON.
    """
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if not secret:
        raise WebhookSignatureInvalid("No webhook secret is configured.")
    try:
        event = stripe.Webhook.construct_event(
            payload, sig_header, secret, tolerance=WEBHOOK_TOLERANCE
        )
    except stripe.SignatureVerificationError as error:
        raise WebhookSignatureInvalid(str(error)) from error
    except ValueError as error:  # not JSON
        raise WebhookSignatureInvalid(str(error)) from error
    data = event.to_dict()
    obj = data.get("data", {}).get("object", {}) or {}
    return WebhookEvent(
        id=data["id"], type=data["type"], object_id=obj.get("id"), data=data
    )
