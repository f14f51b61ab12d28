"""The Stripe wrapper against localstripe on loopback; webhooks with real signatures."""

import time

import pytest

from marketplace.payments import stripe_gateway as gateway

from .conftest import WEBHOOK_SECRET, card_pay, event_payload, sign


def test_is_configured_only_with_both_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = ""
    assert gateway.is_configured() is False
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    assert gateway.is_configured() is True


def test_calls_without_keys_raise_not_configured(settings):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(gateway.GatewayNotConfigured, match="not configured"):
        gateway.payment_intent_retrieve(intent_id="pi_x")


def test_payment_intent_is_created_in_whole_dong(stripe_settings):
    intent = gateway.payment_intent_create(
        amount=45000, reference="basket-7", idempotency_key="t-create-1"
    )
    assert intent.id.startswith("pi_")
    assert (intent.amount, intent.currency) == (45000, "vnd")
    assert intent.metadata == {"reference": "basket-7"}
    assert intent.status == "requires_payment_method"
    assert intent.client_secret.startswith(intent.id + "_secret_")


def test_retrieve_sees_the_payment_succeed(stripe_settings, localstripe_url):
    intent = gateway.payment_intent_create(
        amount=120000, reference="basket-8", idempotency_key="t-create-2"
    )
    card_pay(localstripe_url, intent.id)
    assert gateway.payment_intent_retrieve(intent_id=intent.id).succeeded is True


def test_a_declined_card_leaves_the_intent_unpaid(stripe_settings, localstripe_url):
    intent = gateway.payment_intent_create(
        amount=120000, reference="basket-9", idempotency_key="t-create-3"
    )
    answer = card_pay(localstripe_url, intent.id, "pm_card_chargeCustomerFail")
    assert answer["error"]["code"] == "card_declined"
    again = gateway.payment_intent_retrieve(intent_id=intent.id)
    assert again.status == "requires_payment_method"
    assert again.succeeded is False


def test_cancel(stripe_settings):
    intent = gateway.payment_intent_create(
        amount=50000, reference="basket-10", idempotency_key="t-create-4"
    )
    assert gateway.payment_intent_cancel(intent_id=intent.id).status == "canceled"


def test_partial_and_full_refund(stripe_settings, localstripe_url):
    intent = gateway.payment_intent_create(
        amount=300000, reference="basket-11", idempotency_key="t-create-5"
    )
    card_pay(localstripe_url, intent.id)
    partial = gateway.refund_create(
        intent_id=intent.id, amount=100000, idempotency_key="t-refund-1"
    )
    assert (partial.status, partial.amount) == ("succeeded", 100000)
    full = gateway.refund_create(intent_id=intent.id, idempotency_key="t-refund-2")
    assert full.amount == 300000


def test_stripe_errors_become_gateway_errors(stripe_settings):
    with pytest.raises(gateway.GatewayError):
        gateway.payment_intent_retrieve(intent_id="pi_doesnotexist")


def test_stripe_unreachable_is_a_gateway_error(stripe_settings):
    stripe_settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    with pytest.raises(gateway.GatewayError):
        gateway.payment_intent_retrieve(intent_id="pi_x")


PAYLOAD = event_payload(
    event_id="evt_1",
    event_type="payment_intent.succeeded",
    obj={"id": "pi_123", "object": "payment_intent", "amount": 45000},
)


def test_webhook_with_a_valid_signature_is_accepted(stripe_settings):
    event = gateway.webhook_event_construct(PAYLOAD, sign(PAYLOAD))
    assert (event.id, event.type, event.object_id) == (
        "evt_1",
        "payment_intent.succeeded",
        "pi_123",
    )


def test_webhook_with_a_tampered_payload_is_refused(stripe_settings):
    header = sign(PAYLOAD)
    tampered = PAYLOAD.replace(b"45000", b"4500")
    with pytest.raises(gateway.WebhookSignatureInvalid, match="signature"):
        gateway.webhook_event_construct(tampered, header)


def test_webhook_signed_with_another_secret_is_refused(stripe_settings):
    header = sign(PAYLOAD, secret="whsec_someone_else")
    with pytest.raises(gateway.WebhookSignatureInvalid, match="signature"):
        gateway.webhook_event_construct(PAYLOAD, header)


def test_webhook_with_a_stale_timestamp_is_refused(stripe_settings):
    header = sign(PAYLOAD, timestamp=time.time() - gateway.WEBHOOK_TOLERANCE - 60)
    with pytest.raises(gateway.WebhookSignatureInvalid, match="tolerance"):
        gateway.webhook_event_construct(PAYLOAD, header)


def test_webhook_without_a_configured_secret_is_refused(stripe_settings):
    stripe_settings.STRIPE_WEBHOOK_SECRET = ""
    with pytest.raises(gateway.WebhookSignatureInvalid):
        gateway.webhook_event_construct(PAYLOAD, sign(PAYLOAD, secret=WEBHOOK_SECRET))
