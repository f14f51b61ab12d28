"""Fixtures shared by the agreements import tests."""

import pytest

from tests.factories.agreements import business_create, cooperative_create


@pytest.fixture
def parties():
    coop = cooperative_create(name="HTX A")
    coop.code = "htx-a"
    coop.save()
    business = business_create(tax_code="0101234567")
    return coop, business
