"""Fixtures shared by the search tests."""

import datetime

import pytest
from django.utils import timezone

from marketplace.search.indexing import products_reindex
from tests.factories.catalogue import category_create
from tests.factories.cooperatives import (
    VINH_LONG,
    cooperative_create,
    listed_product_create,
)


@pytest.fixture
def market(db):
    """Two cooperatives in two provinces, products at several stars and prices."""
    honey = category_create(name="Mật ong", slug="mat-ong")
    fruit = category_create(name="Trái cây", slug="trai-cay")
    quang_lac = cooperative_create(name="HTX Quảng Lạc", slug="htx-quang-lac")
    quoi_son = cooperative_create(
        name="HTX Quới Sơn",
        slug="htx-quoi-son",
        province_code=VINH_LONG,
        ward_code=28840,
    )
    products = {
        "honey4": listed_product_create(
            cooperative=quang_lac,
            title="Mật ong ngũ gia bì",
            price=350000,
            stars=4,
            category=honey,
        ),
        "honey3": listed_product_create(
            cooperative=quang_lac,
            title="Mật ong hoa rừng",
            price=280000,
            stars=3,
            category=honey,
        ),
        "honey_expired": listed_product_create(
            cooperative=quang_lac,
            title="Mật ong bạc hà",
            price=300000,
            stars=5,
            expires_on=timezone.localdate() - datetime.timedelta(days=1),
            category=honey,
        ),
        "pomelo": listed_product_create(
            cooperative=quoi_son,
            title="Bưởi da xanh",
            price=65000,
            stars=4,
            category=fruit,
        ),
        "coconut": listed_product_create(
            cooperative=quoi_son,
            title="Mật hoa dừa",
            price=130000,
            category=honey,
        ),
    }
    products_reindex([p.pk for p in products.values()])
    return products
