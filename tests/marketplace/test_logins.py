"""Login throttling (django-axes) on every login page, and login timing."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PASSWORD = "right-pass-2024"


def user_create(username: str, *, superuser: bool = False):
    User = get_user_model()
    create = User.objects.create_superuser if superuser else User.objects.create_user
    return create(username=username, email=f"{username}@htx.test", password=PASSWORD)


def store_login(client, login, password):
    return client.post(
        reverse("customer:login"),
        {"login-username": login, "login-password": password, "login_submit": "1"},
    )


def wagtail_login(client, login, password):
    return client.post("/cms/login/", {"username": login, "password": password})


def admin_login(client, login, password):
    return client.post(
        "/django-admin/login/",
        {"username": login, "password": password, "next": "/django-admin/"},
    )


def vi(message: str) -> str:
    """Return ``message`` as a Vietnamese reader sees it."""
    with translation.override("vi"):
        return translation.gettext(message)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def client_from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


# Each page with the login it takes: the store by e-mail, the others by name.
PAGES = [
    pytest.param(store_login, "{username}@htx.test", id="store"),
    pytest.param(wagtail_login, "{username}", id="wagtail"),
    pytest.param(admin_login, "{username}", id="django-admin"),
]


@pytest.mark.parametrize(("login_with", "name"), PAGES)
def test_the_right_password_after_four_wrong_ones_logs_in(login_with, name):
    user_create("admin", superuser=True)
    client = client_from("203.0.113.1")
    for _ in range(4):
        login_with(client, name.format(username="admin"), "wrong")

    response = login_with(client, name.format(username="admin"), PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize(("login_with", "name"), PAGES)
def test_the_right_password_after_five_wrong_ones_is_refused(login_with, name):
    user_create("admin", superuser=True)
    client = client_from("203.0.113.1")
    for _ in range(5):
        login_with(client, name.format(username="admin"), "wrong")

    response = login_with(client, name.format(username="admin"), PASSWORD)

    assert response.status_code == 429
    assert not logged_in(client)
    assert f"<h1>{vi('Too many failed logins')}</h1>" in response.content.decode()


def test_the_lockout_page_is_translated_to_vietnamese():
    user_create("buyer")
    client = client_from("203.0.113.1")
    for _ in range(5):
        store_login(client, "buyer@htx.test", "wrong")

    response = store_login(client, "buyer@htx.test", PASSWORD)

    assert response.status_code == 429
    assert response["Content-Language"] == "vi"
    html = response.content.decode()
    assert f"<h1>{vi('Too many failed logins')}</h1>" in html
    assert vi("Forgotten your password?") in html
    assert f'href="{reverse("password-reset")}"' in html


def test_failures_by_email_and_by_username_count_against_one_account():
    user_create("admin", superuser=True)
    client = client_from("203.0.113.1")
    for _ in range(3):
        store_login(client, "ADMIN@htx.test", "wrong")
    for _ in range(2):
        wagtail_login(client, "admin", "wrong")

    response = admin_login(client_from("198.51.100.7"), "admin", PASSWORD)

    assert response.status_code == 429


def test_a_locked_account_stays_locked_from_another_address():
    user_create("buyer")
    for _ in range(5):
        store_login(client_from("203.0.113.1"), "buyer@htx.test", "wrong")
    elsewhere = client_from("198.51.100.7")

    response = store_login(elsewhere, "buyer@htx.test", PASSWORD)

    assert response.status_code == 429
    assert not logged_in(elsewhere)


def test_another_account_from_the_same_address_still_logs_in():
    user_create("buyer")
    user_create("neighbour")
    for _ in range(5):
        store_login(client_from("203.0.113.1"), "buyer@htx.test", "wrong")
    same_address = client_from("203.0.113.1")

    response = store_login(same_address, "neighbour@htx.test", PASSWORD)

    assert response.status_code == 302
    assert logged_in(same_address)


def test_an_address_guessing_at_many_accounts_is_locked_at_its_own_limit(settings):
    user_create("neighbour")
    attacker = client_from("203.0.113.1")
    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS - 1):
        store_login(attacker, f"guess{n}@htx.test", "wrong")
    still_open = store_login(client_from("203.0.113.1"), "neighbour@htx.test", PASSWORD)
    assert still_open.status_code == 302
    store_login(attacker, "last-guess@htx.test", "wrong")

    refused = store_login(client_from("203.0.113.1"), "neighbour@htx.test", PASSWORD)
    elsewhere = store_login(client_from("198.51.100.7"), "neighbour@htx.test", PASSWORD)

    assert refused.status_code == 429
    assert elsewhere.status_code == 302


def test_a_successful_login_forgets_the_account_failures():
    user_create("buyer")
    client = client_from("203.0.113.1")
    for _ in range(4):
        store_login(client, "buyer@htx.test", "wrong")
    assert store_login(client, "buyer@htx.test", PASSWORD).status_code == 302
    client = client_from("203.0.113.1")
    for _ in range(4):
        store_login(client, "buyer@htx.test", "wrong")

    response = store_login(client, "buyer@htx.test", PASSWORD)

    assert response.status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(settings):
    settings.LOGIN_TRUSTED_PROXY_COUNT = 1
    user_create("buyer")
    user_create("neighbour")
    proxy = "10.0.0.2"
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.1")
    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS):
        store_login(attacker, f"guess{n}@htx.test", "wrong")
    neighbour = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")

    response = store_login(neighbour, "neighbour@htx.test", PASSWORD)

    assert response.status_code == 302


def test_registering_still_logs_the_new_buyer_in():
    client = client_from("203.0.113.1")

    response = client.post(
        reverse("customer:register"),
        {
            "email": "new@htx.test",
            "password1": "a-long-new-pass-42",
            "password2": "a-long-new-pass-42",
        },
    )

    assert response.status_code == 302
    assert logged_in(client)


@pytest.fixture
def hasher_calls(monkeypatch):
    """Count the password hasher's runs (MD5 in the test settings)."""
    calls = []
    encode = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        calls.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    return calls


def test_a_wrong_password_for_an_unknown_email_costs_as_many_hashes(hasher_calls):
    user_create("buyer")
    hasher_calls.clear()
    client = client_from("203.0.113.1")
    store_login(client, "buyer@htx.test", "wrong")
    known = len(hasher_calls)
    hasher_calls.clear()

    store_login(client, "nobody@htx.test", "wrong")

    assert known >= 1
    assert len(hasher_calls) == known


def test_a_wrong_password_for_an_unknown_username_costs_as_many_hashes(hasher_calls):
    user_create("admin", superuser=True)
    hasher_calls.clear()
    client = client_from("203.0.113.1")
    wagtail_login(client, "admin", "wrong")
    known = len(hasher_calls)
    hasher_calls.clear()

    wagtail_login(client, "nobody", "wrong")

    assert known >= 1
    assert len(hasher_calls) == known
