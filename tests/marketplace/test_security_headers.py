"""Every page carries a strict Content-Security-Policy and a Permissions-Policy."""

import runpy

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse

from marketplace.csp import SiteCSPMiddleware
from tests.factories.agreements import staff_user_create
from tests.factories.catalogue import product_create

from .csp_helpers import header_nonce, inline_script_nonces, policy

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}
PERMISSIONS = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), "
    "display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), "
    'microphone=(), midi=(), payment=(self "https://js.stripe.com"), serial=(), '
    "usb=(), xr-spatial-tracking=()"
)


def _assert_strict(response) -> None:
    directives = policy(response)
    script_src = directives.pop("script-src")
    assert directives == STRICT
    assert script_src[0] == "'self'"
    assert script_src[1:] in ([], [f"'nonce-{header_nonce(response)}'"])
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["Permissions-Policy"] == PERMISSIONS


def _assert_scripts_carry_the_header_nonce(response) -> None:
    nonces = inline_script_nonces(response.content.decode())
    if nonces:
        assert set(nonces) == {header_nonce(response)}


def test_store_page_has_strict_policy_and_no_inline_script(client):
    product_create()

    response = client.get(reverse("catalogue:index"))

    assert response.status_code == 200
    _assert_strict(response)
    assert inline_script_nonces(response.content.decode()) == []


def test_basket_page_has_strict_policy_and_its_inline_script_the_nonce(client):
    product_create()

    response = client.get(reverse("basket:summary"))

    assert response.status_code == 200
    _assert_strict(response)
    assert header_nonce(response)
    assert len(inline_script_nonces(response.content.decode())) >= 1
    _assert_scripts_carry_the_header_nonce(response)


def test_product_page_has_strict_policy_and_nonced_scripts(client):
    product = product_create()

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    _assert_strict(response)
    _assert_scripts_carry_the_header_nonce(response)


def test_each_request_gets_its_own_nonce(client):
    first = client.get(reverse("basket:summary"))
    second = client.get(reverse("basket:summary"))

    assert header_nonce(first) != header_nonce(second)


def test_agreements_page_has_strict_policy(client):
    client.force_login(staff_user_create())

    response = client.get(reverse("agreements:dashboard"))

    assert response.status_code == 200
    _assert_strict(response)
    _assert_scripts_carry_the_header_nonce(response)


def test_not_found_page_has_strict_policy(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    _assert_strict(response)


def test_store_not_found_page_has_strict_policy(client):
    response = client.get("/shop/catalogue/khong-co-san-pham_999999/")

    assert response.status_code == 404
    _assert_strict(response)


def test_django_admin_keeps_the_strict_policy(client):
    response = client.get("/django-admin/login/")

    assert response.status_code == 200
    _assert_strict(response)


@pytest.mark.parametrize("url", ["/cms/login/", "/shop/dashboard/login/"])
def test_staff_areas_allow_inline_code_but_nothing_from_elsewhere(client, url):
    response = client.get(url)

    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert response["Permissions-Policy"] == PERMISSIONS


def _policy_for(path: str, settings) -> dict[str, list[str]]:
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    middleware = SiteCSPMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    str(request.csp_nonce)
    return policy(middleware.process_response(request, HttpResponse()))


def test_card_payment_page_alone_may_load_stripe(settings):
    settings.STRIPE_JS_URL = ""
    settings.STRIPE_API_BASE = ""

    card = _policy_for(reverse("checkout:card-pay"), settings)
    basket = _policy_for(reverse("basket:summary"), settings)

    assert card["script-src"][:2] == ["'self'", card["script-src"][1]]
    assert card["script-src"][1].startswith("'nonce-")
    assert card["script-src"][2:] == [
        "https://js.stripe.com",
        "https://*.js.stripe.com",
    ]
    assert card["frame-src"] == [
        "'self'",
        "https://js.stripe.com",
        "https://*.js.stripe.com",
        "https://hooks.stripe.com",
    ]
    assert card["connect-src"] == ["'self'", "https://api.stripe.com"]
    assert "https://js.stripe.com" not in " ".join(sum(basket.values(), []))


def test_card_payment_page_allows_a_local_stripe_double(settings):
    settings.STRIPE_JS_URL = "http://127.0.0.1:8420/js.stripe.com/v3/"
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"

    card = _policy_for(reverse("checkout:card-pay"), settings)

    assert "http://127.0.0.1:8420" in card["script-src"]
    assert "http://127.0.0.1:8420" in card["frame-src"]
    assert "http://127.0.0.1:8420" in card["connect-src"]


def _settings_with(monkeypatch, **env) -> dict:
    for name in ("MEDIA_URL", "MEDIA_S3_BUCKET", "MEDIA_S3_CUSTOM_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("MEDIA_S3_ENDPOINT_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("marketplace.settings.base")


# runpy warns that it runs the settings module a second time, as intended.
@pytest.mark.filterwarnings("ignore:.*found in sys.modules:RuntimeWarning")
@pytest.mark.parametrize(
    ("env", "img_src"),
    [
        ({}, ["'self'", "data:"]),
        (
            {"MEDIA_S3_BUCKET": "htx", "MEDIA_S3_CUSTOM_DOMAIN": "cdn.htx.example.vn"},
            ["'self'", "data:", "https://cdn.htx.example.vn"],
        ),
        (
            {
                "MEDIA_S3_BUCKET": "htx",
                "MEDIA_S3_ENDPOINT_URL": "https://s3.example.vn/",
            },
            ["'self'", "data:", "https://s3.example.vn"],
        ),
    ],
)
def test_images_may_come_from_the_media_storage(monkeypatch, env, img_src):
    settings = _settings_with(monkeypatch, **env)

    directives = settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["img-src"] == img_src
