"""POST /shop/payments/stripe/webhook/: signatures checked, events kept, once only."""

import time

import pytest

from marketplace.payments.models import StripeEvent
from marketplace.payments.webhooks import webhook_handler_register

from .conftest import WEBHOOK_SECRET, event_payload, sign

pytestmark = pytest.mark.django_db

URL = "/shop/payments/stripe/webhook/"
SEEN: list[str] = []


@webhook_handler_register("test.counted")
def _count(event):
    SEEN.append(event.id)


@webhook_handler_register("test.broken")
def _broken(event):
    raise RuntimeError("handler failed")


@pytest.fixture(autouse=True)
def _reset():
    SEEN.clear()


def _post(client, payload, header):
    return client.post(
        URL, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def test_a_signed_event_is_recorded_and_processed(client, stripe_settings):
    payload = event_payload(event_id="evt_a", event_type="test.counted", obj={})

    response = _post(client, payload, sign(payload))

    assert response.status_code == 200
    record = StripeEvent.objects.get()
    assert (record.event_id, record.type) == ("evt_a", "test.counted")
    assert record.payload["id"] == "evt_a"
    assert record.processed_at is not None
    assert SEEN == ["evt_a"]


def test_an_event_of_a_type_nobody_handles_is_still_recorded(client, stripe_settings):
    payload = event_payload(event_id="evt_b", event_type="customer.created", obj={})
    assert _post(client, payload, sign(payload)).status_code == 200
    assert StripeEvent.objects.filter(event_id="evt_b").count() == 1


def test_a_duplicate_event_is_processed_once(client, stripe_settings):
    payload = event_payload(event_id="evt_c", event_type="test.counted", obj={})

    first = _post(client, payload, sign(payload))
    second = _post(client, payload, sign(payload))

    assert (first.status_code, second.status_code) == (200, 200)
    assert SEEN == ["evt_c"]
    assert StripeEvent.objects.count() == 1


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda p: (p.replace(b"evt_d", b"evt_e"), sign(p)), id="tampered"),
        pytest.param(lambda p: (p, sign(p, secret="whsec_other")), id="wrong-secret"),
        pytest.param(lambda p: (p, sign(p, timestamp=time.time() - 3600)), id="stale"),
        pytest.param(lambda p: (p, ""), id="no-signature"),
    ],
)
def test_a_bad_signature_gets_400_and_changes_nothing(client, stripe_settings, mangle):
    payload = event_payload(event_id="evt_d", event_type="test.counted", obj={})
    body, header = mangle(payload)

    response = _post(client, body, header)

    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0
    assert SEEN == []


def test_a_failing_handler_gets_500_and_keeps_the_event_unprocessed(
    client, stripe_settings
):
    payload = event_payload(event_id="evt_f", event_type="test.broken", obj={})

    response = _post(client, payload, sign(payload))

    assert response.status_code == 500
    record = StripeEvent.objects.get(event_id="evt_f")
    assert record.processed_at is None


def test_get_is_not_allowed(client, stripe_settings):
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(b"[1, 2]", id="array"),
        pytest.param(b'"evt_x"', id="string"),
        pytest.param(b'{"object": "event", "type": "test.counted"}', id="no-id"),
        pytest.param(b'{"id": "evt_x", "object": "event"}', id="no-type"),
        pytest.param(b'{"id": 7, "type": ["test.counted"]}', id="not-strings"),
        pytest.param(b'{"id": "evt_x", "type": "t", "data": []}', id="data-array"),
    ],
)
def test_a_signed_body_that_is_not_an_event_is_refused(client, payload, settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET

    response = _post(client, payload, sign(payload))

    assert response.status_code == 400
    assert response.content == b"malformed event"
    assert StripeEvent.objects.count() == 0
    assert SEEN == []
