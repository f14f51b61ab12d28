"""After the store's login, staff land on their work area; buyers on their account."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from marketplace.core import roles
from tests.factories.roles import role_user_create

pytestmark = pytest.mark.django_db


def _log_in(client, email: str, *, next_url: str = ""):
    data = {"login-username": email, "login-password": "pw", "login_submit": "1"}
    if next_url:
        data["login-redirect_url"] = next_url
    return client.post(reverse("customer:login"), data)


@pytest.mark.parametrize(
    ("group", "landing"),
    [
        (roles.AGREEMENTS_STAFF, "/agreements/"),
        (roles.FINANCE_STAFF, "/shop/checkout/staff/bank-transfers/"),
        (roles.MODERATORS, "/shop/hop-tac-xa/kiem-duyet/"),
        (roles.EDITORS, "/cms/"),
        (roles.COOPERATIVE_STAFF, "/shop/hop-tac-xa/quan-ly/"),
        (None, "/shop/accounts/"),
    ],
)
def test_a_login_lands_on_the_users_work_area(client, group, landing):
    role_user_create(username="someone", group=group)

    response = _log_in(client, "someone@htx.test")

    assert response.status_code == 302
    assert response["Location"] == landing


def test_a_page_to_return_to_wins_over_the_work_area(client):
    role_user_create(username="someone", group=roles.AGREEMENTS_STAFF)

    response = _log_in(client, "someone@htx.test", next_url="/shop/basket/")

    assert response["Location"] == "/shop/basket/"


def test_the_admin_keeps_oscars_landing_on_the_dashboard(client):
    get_user_model().objects.create_superuser(
        "admin", "admin@htx.test", "pw", is_staff=True
    )

    response = _log_in(client, "admin@htx.test")

    assert response["Location"] == reverse("dashboard:index")
