"""The checkout tests' delivery address, for the basket tests that check out."""

from tests.catalog.checkout.conftest import address_data  # noqa: F401
