"""Twenty buyers at once for the last three units: three orders, none oversold."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.core import vn_units
from tests.factories.catalogue import partner_create, product_create

from .conftest import ADDRESS, basket_add, checkout_to_payment

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 20


def test_twenty_simultaneous_checkouts_of_three_units_place_three_orders(
    migrated_db,
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are what this test is about; it needs PostgreSQL")
    partner = partner_create(name="HTX Đồng Bành", code="dong-banh")
    product = product_create(title="Na Chi Lăng", price=60000, stock=3, partner=partner)
    ward = vn_units.ward_choices(province_code=1)[0][0]
    address = {**ADDRESS, "province": "1", "ward": str(ward)}
    # Every buyer gets as far as the preview, one after the other...
    clients = []
    for n in range(BUYERS):
        client = Client()
        basket_add(client, product, 1)
        checkout_to_payment(client, address, email=f"buyer{n}@example.vn")
        assert (
            client.post(
                reverse("checkout:preview"), {"payment_method": "cod"}
            ).status_code
            == 200
        )
        clients.append(client)

    # ...then all press "Place order" at the same moment, each in its own
    # thread with its own database connection.
    barrier = threading.Barrier(BUYERS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def place(client):
        try:
            barrier.wait()
            response = client.post(
                reverse("checkout:preview"), {"action": "place_order"}
            )
            statuses.append(response.status_code)
        except BaseException as error:  # noqa: B036 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=place, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert Order.objects.count() == 3
    assert statuses.count(302) == 3
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (3, 3)
    assert record.net_stock_level == 0
