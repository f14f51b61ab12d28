"""Prices are whole dong: Vietnamese style in Vietnamese, ₫ first in English."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from oscar.templatetags.currency_filters import currency

from tests.factories.catalogue import product_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("vi", 125000, "125.000\xa0₫"),
        ("vi", 1250000, "1.250.000\xa0₫"),
        ("en", 125000, "₫125,000"),
        ("en", 45000, "₫45,000"),
    ],
)
def test_currency_filter_formats_vnd_per_language(language, amount, expected):
    with translation.override(language):
        assert currency(Decimal(amount), "VND") == expected


def test_product_page_shows_price_in_vietnamese_by_default(client):
    product = product_create(title="Na Chi Lăng", price=125000)

    html = client.get(product.get_absolute_url()).content.decode()

    assert "125.000\xa0₫" in html


def test_product_page_shows_price_in_english_after_switching(client):
    product = product_create(title="Na Chi Lăng", price=125000)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get(product.get_absolute_url()).content.decode()

    assert "₫125,000" in html
    assert 'lang="en"' in html


def test_stock_record_refuses_fractional_dong():
    product = product_create(price=1000)
    record = product.stockrecords.get()
    record.price = Decimal("1000.50")

    with pytest.raises(ValidationError) as raised:
        record.full_clean()

    assert [e.code for e in raised.value.error_dict["price"]] == ["max_decimal_places"]


def test_stock_record_refuses_zero_price():
    product = product_create(price=1000)
    record = product.stockrecords.get()
    record.price = Decimal("0")

    with pytest.raises(ValidationError) as raised:
        record.full_clean()

    assert [e.code for e in raised.value.error_dict["price"]] == ["min_value"]
