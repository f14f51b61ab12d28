"""A cached page never serves one reader's CSP nonce to another."""

import copy

import pytest

from marketplace.pagecache.parts import placeholder
from tests.marketplace.csp_helpers import header_nonce, inline_script_nonces, policy

SCRIPTED_PAGE = (
    "<!DOCTYPE html><html><body><h1>{{ page.title }}</h1>"
    '<script nonce="{{ request.csp_nonce }}">document.body.dataset.ran = "1";</script>'
    "</body></html>"
)


def test_cached_portal_page_carries_the_policy_on_every_request(client, news_site):
    first = client.get("/")
    second = client.get("/")

    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert policy(response)["default-src"] == ["'self'"]
        assert policy(response)["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert response["Permissions-Policy"].startswith("accelerometer=()")
        nonces = inline_script_nonces(response.content.decode())
        assert not nonces or set(nonces) == {header_nonce(response)}


@pytest.fixture
def scripted_home_template(settings):
    """Give the home page an inline script with the request's nonce."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.locmem.Loader",
            {"cms/home_page.html": SCRIPTED_PAGE},
        ),
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = templates


def test_cached_page_gets_each_readers_nonce_in_script_and_header(
    client, news_site, scripted_home_template
):
    # When two anonymous readers open the same page, the second from the cache
    first = client.get("/")
    second = client.get("/")

    # Then each page's script carries the nonce of its own header
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    first_nonce, second_nonce = header_nonce(first), header_nonce(second)
    assert first_nonce and second_nonce and first_nonce != second_nonce
    assert inline_script_nonces(first.content.decode()) == [first_nonce]
    assert inline_script_nonces(second.content.decode()) == [second_nonce]
    assert placeholder("nonce") not in second.content.decode()
