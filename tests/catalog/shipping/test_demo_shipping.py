"""The demo cooperatives charge shipping, so `make run` shows the breakdown."""

import pytest

from catalog.cooperatives.models import Cooperative
from marketplace.demo import data

pytestmark = pytest.mark.django_db


def test_every_demo_cooperative_has_a_fee_and_a_free_shipping_threshold(demo):
    settings = dict(
        Cooperative.objects.values_list("slug", "shipping_fee").filter(
            slug__in=data.COOPERATIVES
        )
    )
    thresholds = dict(
        Cooperative.objects.values_list("slug", "free_shipping_from").filter(
            slug__in=data.COOPERATIVES
        )
    )

    assert settings["htx-dong-banh"] == 30000
    assert thresholds["htx-dong-banh"] == 500000
    assert (settings["htx-buoi-quoi-son"], thresholds["htx-buoi-quoi-son"]) == (
        25000,
        300000,
    )
    assert set(settings) == set(data.COOPERATIVES)
    assert all(fee > 0 for fee in settings.values())
