"""One order, many cooperatives: the buyer's shipments, and the e-mails around them."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from catalog.cooperatives import services
from catalog.cooperatives.shipments import MIXED, order_shipments
from tests.factories.catalogue import product_create
from tests.factories.cooperatives import cooperative_create, staff_create

from .conftest import basket_add, checkout_pay_with, checkout_to_payment

Order = get_model("order", "Order")
Line = get_model("order", "Line")

pytestmark = pytest.mark.django_db


@pytest.fixture
def coops(db):
    """Two cooperatives, each with one staff user and one product."""
    dong_banh = cooperative_create(name="HTX Đồng Bành", slug="dong-banh")
    quoi_son = cooperative_create(name="HTX Quới Sơn", slug="quoi-son")
    staff_create(cooperative=dong_banh, email="dongbanh@htx.test")
    staff_create(cooperative=quoi_son, email="quoison@htx.test")
    na = product_create(title="Na Chi Lăng", price=60000, partner=dong_banh.partner)
    buoi = product_create(title="Bưởi da xanh", price=45000, partner=quoi_son.partner)
    return dong_banh, quoi_son, na, buoi


def _place_cod_order(client, address_data, products, capture):
    for product in products:
        basket_add(client, product, 1)
    checkout_to_payment(client, address_data)
    with capture(execute=True):
        response = checkout_pay_with(client, "cod")
    assert response.status_code == 302
    return Order.objects.order_by("-pk").first()


def _ship(order, partner):
    for line in order.lines.filter(partner=partner):
        services.line_status_set(line=line, status="Confirmed")
        services.line_status_set(line=line, status="Shipped")


# --- the selector -----------------------------------------------------------


def test_each_cooperative_is_one_shipment_with_its_own_lines(
    client, coops, address_data, django_capture_on_commit_callbacks
):
    dong_banh, quoi_son, na, buoi = coops
    order = _place_cod_order(
        client, address_data, [na, buoi], django_capture_on_commit_callbacks
    )

    shipments = order_shipments(order=order)

    assert [(s.name, s.url) for s in shipments] == [
        ("HTX Quới Sơn", "/shop/hop-tac-xa/quoi-son/"),
        ("HTX Đồng Bành", "/shop/hop-tac-xa/dong-banh/"),
    ]
    assert [[sl.line.title for sl in s.lines] for s in shipments] == [
        ["Bưởi da xanh"],
        ["Na Chi Lăng"],
    ]
    assert [(s.status, s.payment) for s in shipments] == [
        ("Pending", "pay-on-delivery"),
        ("Pending", "pay-on-delivery"),
    ]


@pytest.mark.parametrize(
    ("steps", "status", "label"),
    [
        ([[], []], "Pending", "Waiting for confirmation"),
        ([["Confirmed"], ["Confirmed"]], "Confirmed", "Confirmed"),
        ([["Confirmed", "Shipped"], ["Confirmed", "Shipped"]], "Shipped", "Shipped"),
        (
            [["Confirmed", "Shipped", "Delivered"]] * 2,
            "Delivered",
            "Delivered",
        ),
        ([["Cancelled"], ["Cancelled"]], "Cancelled", "Cancelled"),
        ([["Confirmed", "Shipped"], ["Cancelled"]], "Shipped", "Shipped"),
        ([["Confirmed", "Shipped"], ["Confirmed"]], MIXED, "In progress"),
    ],
)
def test_the_shipment_status_is_derived_from_its_lines(
    client,
    coops,
    address_data,
    django_capture_on_commit_callbacks,
    steps,
    status,
    label,
):
    dong_banh, _quoi_son, na, _buoi = coops
    second = product_create(title="Mật ong", price=80000, partner=dong_banh.partner)
    order = _place_cod_order(
        client, address_data, [na, second], django_capture_on_commit_callbacks
    )
    lines = list(order.lines.filter(partner=dong_banh.partner).order_by("pk"))
    for line, line_steps in zip(lines, steps, strict=True):
        for step in line_steps:
            services.line_status_set(line=line, status=step, reason="hết hàng")

    with translation.override("en"):
        (shipment,) = order_shipments(order=order)

        assert (shipment.status, shipment.status_label) == (status, label)
        if status == MIXED:
            assert shipment.parts == [("Confirmed", 1), ("Shipped", 1)]
    if status == "Shipped":
        assert shipment.shipped_on is not None


def test_order_shipments_takes_the_same_queries_for_one_or_five_cooperatives(
    client, address_data, count_queries, django_capture_on_commit_callbacks
):
    products = [
        product_create(
            title=f"Sản phẩm {n}",
            price=10000,
            partner=cooperative_create(name=f"HTX {n}", slug=f"htx-q{n}").partner,
        )
        for n in range(5)
    ]
    one = _place_cod_order(
        client, address_data, products[:1], django_capture_on_commit_callbacks
    )
    five = _place_cod_order(
        client, address_data, products, django_capture_on_commit_callbacks
    )

    shipments_one, queries_one = count_queries(order_shipments, order=one)
    shipments_five, queries_five = count_queries(order_shipments, order=five)

    assert (len(shipments_one), len(shipments_five)) == (1, 5)
    assert queries_one == queries_five == 5


# --- the buyer's pages ------------------------------------------------------


def test_the_guest_order_status_page_shows_each_cooperatives_shipment(
    client, coops, address_data, django_capture_on_commit_callbacks
):
    dong_banh, quoi_son, na, buoi = coops
    order = _place_cod_order(
        client, address_data, [na, buoi], django_capture_on_commit_callbacks
    )
    _ship(order, dong_banh.partner)
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    # The link in the confirmation e-mail asks for the guest's e-mail once.
    client.post(
        reverse("customer:anon-order-form", kwargs=kwargs),
        {"email": "khach@example.vn"},
    )

    page = client.get(reverse("customer:anon-order", kwargs=kwargs))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/shop/hop-tac-xa/dong-banh/"' in html
    assert 'href="/shop/hop-tac-xa/quoi-son/"' in html
    assert 'data-status="Shipped"' in html
    assert 'data-status="Pending"' in html
    assert html.count('data-payment="pay-on-delivery"') == 2


def test_a_registered_buyers_order_page_shows_the_shipments_in_vietnamese(
    client, coops, address_data, django_capture_on_commit_callbacks, django_user_model
):
    dong_banh, quoi_son, na, buoi = coops
    buyer = django_user_model.objects.create_user(
        username="buyer", email="buyer@example.vn", password="pw-test-123"
    )
    client.force_login(buyer)
    for product in (na, buoi):
        basket_add(client, product, 1)
    client.post(reverse("checkout:shipping-address"), address_data)
    client.get(reverse("checkout:shipping-method"))
    with django_capture_on_commit_callbacks(execute=True):
        checkout_pay_with(client, "cod")
    order = Order.objects.get(user=buyer)
    _ship(order, quoi_son.partner)

    page = client.get(
        reverse("customer:order", kwargs={"order_number": order.number}),
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="card mb-3 order-shipment"') == 2
    assert "Chờ xác nhận" in html
    assert "Đã gửi hàng ngày" in html


# --- e-mails ----------------------------------------------------------------


def test_each_cooperative_is_mailed_only_its_own_lines_and_the_address(
    client, coops, address_data, django_capture_on_commit_callbacks
):
    _dong_banh, _quoi_son, na, buoi = coops

    order = _place_cod_order(
        client, address_data, [na, buoi], django_capture_on_commit_callbacks
    )

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_recipient) == [
        "dongbanh@htx.test",
        "khach@example.vn",
        "quoison@htx.test",
    ]
    to_dong_banh = by_recipient["dongbanh@htx.test"]
    html = to_dong_banh.alternatives[0][0]
    for body in (to_dong_banh.body, html):
        assert order.number in body
        assert "Na Chi Lăng" in body
        assert "12 Phố Huế" in body
        assert "Bưởi da xanh" not in body
        assert "165.000" not in body  # not the order total
    assert order.number in to_dong_banh.subject
    assert "Bưởi da xanh" in by_recipient["quoison@htx.test"].body
    assert "Na Chi Lăng" not in by_recipient["quoison@htx.test"].body


def test_the_cooperative_mail_waits_for_the_commit(
    client, coops, address_data, django_capture_on_commit_callbacks
):
    _dong_banh, _quoi_son, na, _buoi = coops
    basket_add(client, na, 1)
    checkout_to_payment(client, address_data)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        checkout_pay_with(client, "cod")

    assert [m.to for m in mail.outbox] == [["khach@example.vn"]]
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "dongbanh@htx.test",
        "khach@example.vn",
    ]


def test_the_buyer_is_mailed_when_a_cooperative_has_shipped_all_its_lines(
    client, coops, address_data, django_capture_on_commit_callbacks
):
    dong_banh, quoi_son, na, buoi = coops
    second = product_create(title="Mật ong", price=80000, partner=dong_banh.partner)
    order = _place_cod_order(
        client, address_data, [na, second, buoi], django_capture_on_commit_callbacks
    )
    mail.outbox.clear()
    first_line, second_line = order.lines.filter(partner=dong_banh.partner)

    with django_capture_on_commit_callbacks(execute=True):
        services.line_status_set(line=first_line, status="Confirmed")
        services.line_status_set(line=first_line, status="Shipped")
    assert mail.outbox == []  # Mật ong is still to go

    with django_capture_on_commit_callbacks(execute=True):
        services.line_status_set(line=second_line, status="Confirmed")
        services.line_status_set(line=second_line, status="Shipped")

    (message,) = mail.outbox
    assert message.to == ["khach@example.vn"]
    assert "HTX Đồng Bành" in message.subject and order.number in message.subject
    assert "Na Chi Lăng" in message.body and "Mật ong" in message.body
    assert "Bưởi da xanh" not in message.body
    status_path = reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )
    assert status_path in message.body


def test_cancelling_the_last_unshipped_line_sends_the_shipment_mail(
    client, coops, address_data, django_capture_on_commit_callbacks
):
    dong_banh, _quoi_son, na, _buoi = coops
    second = product_create(title="Mật ong", price=80000, partner=dong_banh.partner)
    order = _place_cod_order(
        client, address_data, [na, second], django_capture_on_commit_callbacks
    )
    mail.outbox.clear()
    first_line, second_line = order.lines.order_by("pk")

    with django_capture_on_commit_callbacks(execute=True):
        services.line_status_set(line=first_line, status="Confirmed")
        services.line_status_set(line=first_line, status="Shipped")
        services.line_status_set(
            line=second_line, status="Cancelled", reason="Hết hàng"
        )

    (message,) = mail.outbox
    assert "Na Chi Lăng" in message.body
    assert "Mật ong" not in message.body


def test_the_guest_order_page_takes_the_same_queries_for_one_or_five_cooperatives(
    client, address_data, count_queries, django_capture_on_commit_callbacks
):
    products = [
        product_create(
            title=f"Sản phẩm {n}",
            price=10000,
            partner=cooperative_create(name=f"HTX {n}", slug=f"htx-p{n}").partner,
        )
        for n in range(5)
    ]
    one = _place_cod_order(
        client, address_data, products[:1], django_capture_on_commit_callbacks
    )
    five = _place_cod_order(
        client, address_data, products, django_capture_on_commit_callbacks
    )
    for order in (one, five):
        for line in order.lines.all():
            services.line_status_set(line=line, status="Confirmed")
            services.line_status_set(line=line, status="Shipped")

    def order_page(order):
        kwargs = {"order_number": order.number, "hash": order.verification_hash()}
        client.post(
            reverse("customer:anon-order-form", kwargs=kwargs),
            {"email": "khach@example.vn"},
        )
        return client.get(reverse("customer:anon-order", kwargs=kwargs))

    order_page(one)  # warm the caches (site, session)
    page_one, queries_one = count_queries(order_page, one)
    page_five, queries_five = count_queries(order_page, five)

    assert page_one.content.decode().count('data-status="Shipped"') == 1
    assert page_five.content.decode().count('data-status="Shipped"') == 5
    assert queries_one == queries_five
