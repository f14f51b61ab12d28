"""Bank transfers, settlement, refunds and the store dashboard: Finance staff only.

Issue 12, finding 6: these pages checked ``is_staff`` alone, so moderators and
agreements staff (who had it) could open them, mark transfers received and
refund orders. Each refused role below keeps ``is_staff=True`` to show that
the flag no longer opens anything; the pages check named permissions.
"""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.core import roles
from tests.factories.cooperatives import cooperative_create, listed_product_create
from tests.factories.orders import order_create
from tests.factories.roles import finance_user_create, role_user_create

Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db

BANK_TRANSFERS = "/shop/checkout/staff/bank-transfers/"
SETTLEMENT = "/shop/checkout/staff/settlement/"


@pytest.fixture
def order():
    product = listed_product_create(cooperative=cooperative_create(name="HTX A"))
    return order_create(user=role_user_create(username="buyer"), product=product)


@pytest.fixture(params=[roles.MODERATORS, roles.AGREEMENTS_STAFF])
def staff_without_finance(request):
    """A moderator or an agreements employee, with the old ``is_staff`` flag."""
    return role_user_create(username="staff", group=request.param, is_staff=True)


@pytest.mark.parametrize("url", [BANK_TRANSFERS, SETTLEMENT])
def test_moderators_and_agreements_staff_are_refused_the_finance_pages(
    client, staff_without_finance, url
):
    client.force_login(staff_without_finance)

    assert client.get(url).status_code == 403


def test_moderators_and_agreements_staff_cannot_mark_a_transfer_received(
    client, staff_without_finance, order
):
    client.force_login(staff_without_finance)

    response = client.post(BANK_TRANSFERS, {"order": order.number})

    assert response.status_code == 403
    assert not Source.objects.filter(order=order).exists()


def test_moderators_and_agreements_staff_cannot_refund(
    client, staff_without_finance, order, monkeypatch
):
    from marketplace.payments import stripe_gateway

    def refund_create(**kwargs):
        raise AssertionError("no refund may reach Stripe")

    monkeypatch.setattr(stripe_gateway, "refund_create", refund_create)
    client.force_login(staff_without_finance)

    response = client.post(
        reverse("checkout:staff-card-refund", kwargs={"number": order.number})
    )

    assert response.status_code == 403


@pytest.mark.parametrize("url", [BANK_TRANSFERS, SETTLEMENT])
def test_finance_staff_and_the_admin_open_the_finance_pages(client, url):
    for user in (
        finance_user_create(),
        role_user_create(username="admin", is_superuser=True, is_staff=True),
    ):
        client.force_login(user)

        assert client.get(url).status_code == 200, user.username


def test_finance_staff_mark_a_transfer_received_without_is_staff(client, order):
    finance = finance_user_create()
    assert not finance.is_staff
    client.force_login(finance)

    response = client.post(BANK_TRANSFERS, {"order": order.number})

    assert response.status_code == 302
    assert response.url == BANK_TRANSFERS


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(BANK_TRANSFERS)

    assert response.status_code == 302
    assert response.url.startswith(reverse("customer:login"))


@pytest.mark.parametrize(
    "url_name",
    ["dashboard:index", "dashboard:order-list", "dashboard:catalogue-product-list"],
)
def test_moderators_and_agreements_staff_are_refused_oscars_dashboard(
    client, staff_without_finance, url_name
):
    client.force_login(staff_without_finance)

    assert client.get(reverse(url_name)).status_code == 403


def test_cooperative_staff_are_refused_oscars_dashboard(client, order):
    user = role_user_create(username="coop", group=roles.COOPERATIVE_STAFF)
    order.lines.get().partner.users.add(user)
    client.force_login(user)

    assert client.get(reverse("dashboard:index")).status_code == 403
    assert client.get(reverse("dashboard:order-list")).status_code == 403


def test_finance_staff_open_every_order_in_the_dashboard(client, order):
    client.force_login(finance_user_create())

    listing = client.get(reverse("dashboard:order-list"))
    detail = client.get(reverse("dashboard:order-detail", args=[order.number]))

    assert listing.status_code == 200
    assert [o.number for o in listing.context["orders"]] == [str(order.number)]
    assert detail.status_code == 200
    assert client.get(reverse("dashboard:index")).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    [
        "dashboard:catalogue-product-list",
        "dashboard:users-index",
        "dashboard:offer-list",
        "dashboard:partner-list",
        "dashboard:order-stats",
    ],
)
def test_finance_staff_get_nothing_else_of_the_dashboard(client, url_name):
    client.force_login(finance_user_create())

    assert client.get(reverse(url_name)).status_code == 403


def test_the_admin_opens_the_whole_dashboard(client, order):
    client.force_login(
        role_user_create(username="admin", is_superuser=True, is_staff=True)
    )

    for url in (
        reverse("dashboard:index"),
        reverse("dashboard:order-detail", args=[order.number]),
        reverse("dashboard:catalogue-product-list"),
    ):
        assert client.get(url).status_code == 200, url


def test_the_dashboard_menu_shows_finance_staff_their_pages_only():
    from oscar.apps.dashboard.menu import get_nodes

    nodes = get_nodes(finance_user_create())

    links = {child.url_name for node in nodes for child in node.children}
    assert links == {
        "dashboard:order-list",
        "checkout:staff-bank-transfers",
        "checkout:staff-settlement",
    }
