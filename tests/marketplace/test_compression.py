"""Pages go out compressed to browsers that accept them (GZipMiddleware)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_a_page_is_sent_gzipped_to_a_browser_that_accepts_it(client):
    # When a browser that accepts gzip asks for a store page
    response = client.get("/shop/hop-tac-xa/", HTTP_ACCEPT_ENCODING="gzip, br")

    # Then the page is compressed, and caches keep one copy per encoding
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content).lower().startswith(b"<!doctype html>")


def test_a_page_is_sent_plain_to_a_client_that_does_not_accept_gzip(client):
    response = client.get("/shop/hop-tac-xa/")

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content
