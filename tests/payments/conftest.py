"""A local Stripe (localstripe) on loopback, and helpers to sign webhooks."""

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

WEBHOOK_SECRET = "whsec_test_htx_local"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    """Start localstripe on 127.0.0.1 and a free port; stop it at the end."""
    port = _free_port()
    script = Path(__file__).with_name("localstripe_server.py")
    process = subprocess.Popen(
        [sys.executable, str(script), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/js.stripe.com/v3/", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(
                    "localstripe did not start: "
                    + process.stderr.read().decode(errors="replace")
                )
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_settings(settings, localstripe_url):
    """Point the Stripe wrapper at localstripe, with test keys and a secret."""
    settings.STRIPE_SECRET_KEY = "sk_test_htx_local"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_htx_local"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_url
    return settings


def localstripe_post(base: str, path: str, data: dict[str, str]) -> dict:
    """POST form data to localstripe with the test secret key, as Stripe.js would."""
    body = "&".join(f"{k}={v}" for k, v in data.items()).encode()
    request = urllib.request.Request(
        base + path,
        data=body,
        headers={"Authorization": "Bearer sk_test_htx_local"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        return json.loads(error.read())


def card_pay(base: str, intent_id: str, payment_method: str = "pm_card_visa") -> dict:
    """Do what the Payment Element does in the browser: attach a card, confirm."""
    localstripe_post(
        base, f"/v1/payment_intents/{intent_id}", {"payment_method": payment_method}
    )
    return localstripe_post(base, f"/v1/payment_intents/{intent_id}/confirm", {})


def sign(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp=None) -> str:
    """Return a Stripe-Signature header: t=<unix time>,v1=<HMAC-SHA256 hex>."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event_payload(
    *, event_id: str, event_type: str, obj: dict, created: int | None = None
) -> bytes:
    """Return the JSON body of a Stripe event as its webhook would send it."""
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": event_type,
            "created": created or int(time.time()),
            "livemode": False,
            "api_version": "2026-10-28.endive",
            "data": {"object": obj},
        }
    ).encode()
