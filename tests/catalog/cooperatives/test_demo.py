"""The demo's cooperatives have full profiles and OCOP certificates."""

import datetime

import pytest
from django.utils import timezone

from catalog.cooperatives.models import Cooperative, OcopCertificate, ProductListing

pytestmark = pytest.mark.django_db


def test_demo_cooperatives_are_approved_with_valid_addresses_and_profiles(demo):
    cooperatives = Cooperative.objects.all()

    assert cooperatives.count() == 12
    for cooperative in cooperatives:
        cooperative.full_clean()
        assert cooperative.is_public
        assert cooperative.story and cooperative.representative and cooperative.phone
    assert {c.province_name for c in cooperatives} == {"Lạng Sơn", "Vĩnh Long"}


def test_demo_certificates_include_one_expiring_soon_and_one_expired(demo):
    today = timezone.localdate()
    certificates = OcopCertificate.objects.all()

    assert certificates.count() == 27
    soon = certificates.filter(
        expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=60)
    )
    assert [c.product.upc for c in soon] == ["LS-QV-02"]
    assert [c.product.upc for c in certificates.filter(expires_on__lt=today)] == [
        "VL-SR-02"
    ]
    assert ProductListing.objects.filter(status="approved").count() == 42


def test_demo_storefront_and_product_pages_answer(client, demo):
    cooperative = Cooperative.objects.get(slug="htx-dong-banh")
    product = cooperative.listings.get(product__upc="LS-NA-01").product

    storefront = client.get(cooperative.get_absolute_url())
    page = client.get(product.get_absolute_url())

    assert storefront.status_code == 200
    assert storefront.context["ocop_counts"] == {5: 0, 4: 2, 3: 1}
    assert page.status_code == 200
    assert "ocop-badge--4" in page.content.decode()
