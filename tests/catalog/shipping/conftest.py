"""Two cooperatives with their own shipping settings."""

import pytest

from tests.factories.catalogue import product_create
from tests.factories.cooperatives import cooperative_create


@pytest.fixture
def shipping_cooperatives():
    """Đồng Bành: 30.000 ₫, free from 500.000 ₫; Quới Sơn: 25.000 ₫ from 200.000 ₫."""
    dong_banh = cooperative_create(
        name="HTX Đồng Bành", shipping_fee=30000, free_shipping_from=500000
    )
    quoi_son = cooperative_create(
        name="HTX Quới Sơn", shipping_fee=25000, free_shipping_from=200000
    )
    na = product_create(
        title="Na Chi Lăng", price=300000, stock=10, partner=dong_banh.partner
    )
    buoi = product_create(
        title="Bưởi da xanh", price=45000, stock=10, partner=quoi_son.partner
    )
    return dong_banh, quoi_son, na, buoi
