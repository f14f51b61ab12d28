"""Staff mark bank transfers received, one by one or from a statement."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from catalog.checkout.bank_transfers import (
    StatementError,
    bank_statement_match,
    bank_statement_read,
    bank_transfer_mark_received,
    bank_transfers_pending,
)
from tests.factories.roles import finance_user_create

from .conftest import basket_add, checkout_pay_with, checkout_to_payment

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfer_order(client, two_cooperatives, address_data):
    na, buoi = two_cooperatives
    basket_add(client, na, 1)
    basket_add(client, buoi, 1)
    checkout_to_payment(client, address_data)
    checkout_pay_with(client, "bank-transfer")
    return Order.objects.get()


def test_a_placed_transfer_is_pending_until_received(transfer_order):
    assert [s.order for s in bank_transfers_pending()] == [transfer_order]

    assert bank_transfer_mark_received(order=transfer_order, amount=105000) is True

    assert list(bank_transfers_pending()) == []
    assert bank_transfer_mark_received(order=transfer_order, amount=105000) is False
    event = transfer_order.payment_events.get()
    assert (event.event_type.name, event.amount) == ("Paid", 105000)


def test_statement_rows_are_matched_on_the_order_number(transfer_order):
    number = transfer_order.number
    csv_text = (
        "Ngày,Số tiền,Nội dung\n"
        f'01/12/2026,"105.000",CK thanh toan don {number} HTX\n'
        '01/12/2026,"50.000",chuyen tien nha\n'
        f'02/12/2026,"105.000",CK lan 2 {number}\n'
    )

    results = bank_statement_match(rows=bank_statement_read(content=csv_text.encode()))

    assert [(r.row, r.order_number, r.outcome) for r in results] == [
        (2, number, "record"),
        (3, None, "unmatched"),
        (4, number, "duplicate"),
    ]
    assert transfer_order.sources.get().amount_debited == 0


def test_a_short_transfer_is_not_marked_received(transfer_order):
    csv_text = f"amount,description\n100000,{transfer_order.number}\n"

    results = bank_statement_match(rows=bank_statement_read(content=csv_text.encode()))

    assert [r.outcome for r in results] == ["short"]
    assert [s.order for s in bank_transfers_pending()] == [transfer_order]


def test_a_statement_without_the_columns_is_refused():
    with (
        translation.override("en"),
        pytest.raises(StatementError, match="No header row with an amount column"),
    ):
        bank_statement_read(content=b"a,b\n1,2\n")


URL = "/shop/checkout/staff/bank-transfers/"


def test_buyers_are_refused_the_staff_page(client, django_user_model):
    buyer = django_user_model.objects.create_user(
        username="buyer", email="buyer@example.vn", password="x"
    )
    client.force_login(buyer)
    response = client.get(URL)
    assert response.status_code == 403


def test_staff_mark_a_transfer_received_and_upload_a_statement(
    client, transfer_order, django_user_model
):
    staff = finance_user_create(username="staff")
    client.force_login(staff)
    page = client.get(URL)
    assert page.status_code == 200
    assert transfer_order.number in page.content.decode()

    statement = f"amount,description\n105000,DH {transfer_order.number}\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        URL,
        {"statement": SimpleUploadedFile("s.csv", statement.encode(), "text/csv")},
    )

    assert response.status_code == 200
    assert [r.outcome for r in response.context["preview"]] == ["record"]
    assert [s.order for s in bank_transfers_pending()] == [transfer_order]

    response = client.post(URL, {"confirm": response.context["token"]})

    assert [r.outcome for r in response.context["recorded"]] == ["received"]
    assert list(bank_transfers_pending()) == []
