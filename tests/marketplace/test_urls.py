"""The URL map: logins go to the store's login page; no Django admin at /admin/."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

pytestmark = pytest.mark.django_db


def test_login_url_is_the_store_login_page():
    assert resolve_url(settings.LOGIN_URL) == "/shop/accounts/login/"


def test_login_required_page_redirects_to_a_working_login_page(client):
    response = client.get("/shop/accounts/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/shop/accounts/login/?next=")
    assert response.status_code == 200


def test_checkout_redirect_for_anonymous_buyer_lands_on_a_page_that_exists(client):
    response = client.get("/shop/checkout/", follow=True)

    assert response.status_code == 200


def test_django_admin_is_not_at_admin(client, admin_user):
    client.force_login(admin_user)

    assert client.get("/admin/").status_code == 404
    assert client.get("/django-admin/").status_code == 200


def test_wagtail_admin_is_at_cms(client, admin_user):
    client.force_login(admin_user)

    response = client.get("/cms/")

    assert response.status_code == 200
    assert "wagtail" in response.content.decode().lower()
