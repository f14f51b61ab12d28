"""The payment-method registry: each method declared once, its handlers registered."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from catalog.checkout.payment_methods import (
    BANK_TRANSFER,
    CARD,
    CASH_ON_DELIVERY,
    DEFAULT_PAYMENT_METHOD,
    PaidWhen,
    payment_method_for_source,
    payment_method_get,
    payment_methods,
    payment_placer_register,
    payment_source_type_names,
)


def test_methods_keep_their_stored_codes_and_source_types_in_buyer_order():
    assert [(m.code, m.source_type_name) for m in payment_methods()] == [
        ("cod", "Cash on delivery"),
        ("bank-transfer", "Bank transfer (VietQR)"),
        ("card", "Card (Stripe)"),
    ]
    assert DEFAULT_PAYMENT_METHOD is CASH_ON_DELIVERY


def test_every_method_has_a_placer_and_only_card_is_refundable():
    from catalog.checkout import payment_methods as registry

    assert set(registry._PLACERS) == {m.code for m in payment_methods()}
    assert [m.code for m in payment_methods() if m.refundable] == ["card"]


def test_a_second_placer_for_a_method_is_refused():
    with pytest.raises(ImproperlyConfigured, match="'cod' has a placer already"):

        @payment_placer_register(CASH_ON_DELIVERY)
        def another_placer(**kwargs):
            pass


def test_card_is_offered_only_with_stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""

    assert payment_method_get("card") is None
    with translation.override("en"):
        assert str(CARD.unavailable_reason).startswith("Card payment is hidden")
    assert payment_method_get("cod") is CASH_ON_DELIVERY


@pytest.mark.parametrize(
    ("filters", "names"),
    [
        ({"paid_when": PaidWhen.DELIVERY}, ["Cash on delivery"]),
        ({"paid_when": PaidWhen.RECEIPT}, ["Bank transfer (VietQR)"]),
        ({"refundable": True}, ["Card (Stripe)"]),
    ],
)
def test_source_type_names_by_how_the_method_settles(filters, names):
    assert payment_source_type_names(**filters) == names


def test_a_stored_source_type_leads_back_to_its_method():
    assert payment_method_for_source("Bank transfer (VietQR)") is BANK_TRANSFER
    assert payment_method_for_source("Gift card") is None
