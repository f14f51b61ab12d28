"""A card order placed by Stripe's webhook alone still tells each cooperative."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.payments.models import CardCheckout
from tests.catalog.checkout.conftest import (  # noqa: F401  (fixtures)
    address_data,
    basket_add,
    checkout_pay_with,
    checkout_to_payment,
)
from tests.factories.catalogue import product_create
from tests.factories.cooperatives import cooperative_create, staff_create

from .conftest import card_pay, event_payload, sign

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_the_webhook_placed_order_mails_each_cooperative_its_own_lines(
    client,
    stripe_settings,
    localstripe_url,
    address_data,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    dong_banh = cooperative_create(name="HTX Đồng Bành", slug="dong-banh")
    quoi_son = cooperative_create(name="HTX Quới Sơn", slug="quoi-son")
    staff_create(cooperative=dong_banh, email="dongbanh@htx.test")
    staff_create(cooperative=quoi_son, email="quoison@htx.test")
    basket_add(
        client, product_create(title="Na Chi Lăng", partner=dong_banh.partner), 1
    )
    basket_add(
        client, product_create(title="Bưởi da xanh", partner=quoi_son.partner), 1
    )
    checkout_to_payment(client, address_data)
    assert checkout_pay_with(client, "card").url == reverse("checkout:card-pay")
    checkout = CardCheckout.objects.get()
    card_pay(localstripe_url, checkout.payment_intent_id)
    payload = event_payload(
        event_id="evt_mail_1",
        event_type="payment_intent.succeeded",
        obj={"id": checkout.payment_intent_id, "object": "payment_intent"},
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/shop/payments/stripe/webhook/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload),
        )

    assert response.status_code == 200
    order = Order.objects.get()
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert sorted(by_recipient) == [
        "dongbanh@htx.test",
        "khach@example.vn",
        "quoison@htx.test",
    ]
    assert order.number in by_recipient["dongbanh@htx.test"]
    assert "Na Chi Lăng" in by_recipient["dongbanh@htx.test"]
    assert "Bưởi da xanh" not in by_recipient["dongbanh@htx.test"]
    assert "Bưởi da xanh" in by_recipient["quoison@htx.test"]
    assert "Na Chi Lăng" not in by_recipient["quoison@htx.test"]
