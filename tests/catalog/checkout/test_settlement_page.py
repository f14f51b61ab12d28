"""The staff settlement page: a period, a table per cooperative, its Excel."""
# ruff: noqa: F811  (pytest fixtures imported from other conftests)

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from oscar.core.loading import get_model

from catalog.checkout.bank_transfers import bank_transfer_mark_received
from tests.catalog.shipping.conftest import shipping_cooperatives  # noqa: F401
from tests.factories.catalogue import product_create
from tests.factories.cooperatives import cooperative_create, staff_create
from tests.factories.roles import finance_user_create

from .conftest import (  # noqa: F401  (fixtures)
    address_data,
    basket_add,
    checkout_pay_with,
    checkout_to_payment,
)

Order = get_model("order", "Order")
User = get_user_model()

pytestmark = pytest.mark.django_db

URL = "/shop/checkout/staff/settlement/"


@pytest.fixture
def staff_client(client):
    client.force_login(finance_user_create(username="staff"))
    return client


def _transfer_paid(client, address, *items):
    for product, quantity in items:
        basket_add(client, product, quantity)
    checkout_to_payment(client, address)
    assert checkout_pay_with(client, "bank-transfer").status_code == 302
    order = Order.objects.order_by("-pk").first()
    assert bank_transfer_mark_received(
        order=order, amount=order.total_incl_tax, reference="test"
    )
    return order


def _period():
    today = timezone.localdate()
    return {"date_from": today.isoformat(), "date_to": today.isoformat()}


def test_the_url_is_the_checkout_staff_settlement():
    assert reverse("checkout:staff-settlement") == URL


def test_staff_see_each_cooperative_with_shipping_and_totals(
    client,
    staff_client,
    settings,
    shipping_cooperatives,
    address_data,
):
    settings.HTX_COMMISSION_RATE = "0.05"
    dong_banh, quoi_son, na, buoi = shipping_cooperatives
    _transfer_paid(client, address_data, (na, 1), (buoi, 1))

    response = staff_client.get(URL, _period(), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert [
        (r.partner_name, r.gross, r.shipping, r.commission, r.net)
        for r in response.context["rows"]
    ] == [
        ("HTX Quới Sơn", 45000, 25000, 2250, 67750),
        ("HTX Đồng Bành", 300000, 30000, 15000, 315000),
    ]
    totals = response.context["totals"]
    assert (totals.lines, totals.gross, totals.shipping, totals.commission) == (
        2,
        345000,
        55000,
        17250,
    )
    assert totals.net == 382750
    html = response.content.decode()
    assert 'id="settlement-totals"' in html and "₫382,750" in html


def test_the_export_holds_the_same_period_as_excel(
    client,
    staff_client,
    shipping_cooperatives,
    address_data,
):
    dong_banh, quoi_son, na, buoi = shipping_cooperatives
    _transfer_paid(client, address_data, (na, 2), (buoi, 1))

    response = staff_client.get(URL, {**_period(), "export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=3)] == [
        ["HTX Quới Sơn", 1, 45000, 25000, 0, 70000],
        ["HTX Đồng Bành", 1, 600000, 0, 0, 600000],
        ["Tổng cộng", 2, 645000, 25000, 0, 670000],
    ]


def test_an_inverted_period_is_refused_in_vietnamese_and_keeps_the_input(
    staff_client,
):
    response = staff_client.get(
        URL,
        {"date_from": "2026-03-10", "date_to": "2026-03-01"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["date_to"] == ["Ngày cuối không được trước ngày đầu."]
    assert "rows" not in response.context
    assert 'value="2026-03-10"' in response.content.decode()


def test_a_malformed_date_is_refused_and_kept(staff_client):
    response = staff_client.get(
        URL, {"date_from": "32/13/2026", "date_to": ""}, HTTP_ACCEPT_LANGUAGE="vi"
    )

    form = response.context["form"]
    assert set(form.errors) == {"date_from", "date_to"}
    assert form["date_from"].value() == "32/13/2026"


def test_without_a_period_it_shows_this_month(staff_client):
    response = staff_client.get(URL)

    form = response.context["form"]
    today = timezone.localdate()
    assert form.cleaned_data == {
        "date_from": today.replace(day=1),
        "date_to": today,
    }


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response.url


@pytest.mark.parametrize("role", ["buyer", "cooperative staff"])
def test_non_staff_users_cannot_open_it(client, role):
    if role == "buyer":
        user = User.objects.create_user(username="b", email="b@x.vn", password="x")
    else:
        user = staff_create(cooperative=cooperative_create(name="HTX A"))
    client.force_login(user)

    response = client.get(URL, _period())

    assert response.status_code == 403


def test_the_dashboard_menu_links_to_the_settlement(staff_client):
    response = staff_client.get(reverse("dashboard:index"))

    assert URL in response.content.decode()


def test_the_page_queries_do_not_grow_with_cooperatives(
    client,
    staff_client,
    address_data,
    count_queries,
):
    def page():
        return staff_client.get(URL, _period())

    coops = [cooperative_create(name=f"HTX {n}", shipping_fee=10000) for n in range(5)]
    products = [
        product_create(title=f"SP {n}", price=50000, partner=c.partner)
        for n, c in enumerate(coops)
    ]
    _transfer_paid(client, address_data, (products[0], 1))
    one, queries_one = count_queries(page)
    for product in products[1:]:
        _transfer_paid(client, address_data, (product, 1))
    five, queries_five = count_queries(page)

    assert (len(one.context["rows"]), len(five.context["rows"])) == (1, 5)
    assert queries_one == queries_five
