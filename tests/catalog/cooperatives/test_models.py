"""Cooperative addresses, OCOP certificate rules and the featured-OCOP selector."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from catalog.catalogue.selectors import (
    product_list_browsable,
    product_list_featured_ocop,
)
from catalog.cooperatives.models import Cooperative, OcopCertificate
from tests.factories.cooperatives import (
    CHI_LANG,
    LANG_SON,
    TAN_PHU,
    certificate_create,
    cooperative_create,
    listed_product_create,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def test_cooperative_accepts_a_commune_of_its_province():
    cooperative = cooperative_create(province_code=LANG_SON, ward_code=CHI_LANG)

    cooperative.full_clean()

    assert cooperative.address == "Xã Chi Lăng, Lạng Sơn"


@pytest.mark.parametrize(
    ("province", "ward", "field", "message"),
    [
        (99, CHI_LANG, "province_code", "Hãy chọn tỉnh, thành phố trong danh sách."),
        (LANG_SON, TAN_PHU, "ward_code", "Xã, phường này không thuộc Lạng Sơn."),
        (LANG_SON, 1, "ward_code", "Xã, phường này không thuộc Lạng Sơn."),
    ],
)
def test_cooperative_refuses_an_unknown_province_or_commune(
    province, ward, field, message
):
    cooperative = cooperative_create()
    cooperative.province_code, cooperative.ward_code = province, ward

    with pytest.raises(ValidationError) as error:
        cooperative.full_clean()

    assert error.value.message_dict[field] == [message]


def test_approved_returns_only_approved_cooperatives():
    approved = cooperative_create(name="HTX A")
    cooperative_create(name="HTX B", status="pending")
    cooperative_create(name="HTX C", status="rejected")

    assert list(Cooperative.objects.approved()) == [approved]


def test_certificate_expires_36_months_after_issue_by_default():
    product = listed_product_create(cooperative=cooperative_create())

    certificate = certificate_create(
        product=product, stars=5, issued_on=datetime.date(2024, 2, 29)
    )

    assert certificate.expires_on == datetime.date(2027, 2, 28)
    assert certificate.level == OcopCertificate.Level.NATIONAL


def test_certificate_is_valid_until_its_expiry_day_inclusive():
    product = listed_product_create(cooperative=cooperative_create())
    certificate = certificate_create(product=product, expires_on=TODAY)

    assert certificate.is_valid(on=TODAY)
    assert not certificate.is_valid(on=TODAY + datetime.timedelta(days=1))
    assert list(OcopCertificate.objects.valid(on=TODAY)) == [certificate]
    assert not OcopCertificate.objects.valid(on=TODAY + datetime.timedelta(days=1))


def test_stars_filter_drops_a_product_once_its_certificate_expired():
    cooperative = cooperative_create()
    listed_product_create(
        cooperative=cooperative, title="Na", stars=4, expires_on=TODAY
    )
    listed_product_create(cooperative=cooperative, title="Hồi", stars=3)

    on_the_day = product_list_browsable(stars=4, today=TODAY)
    day_after = product_list_browsable(stars=4, today=TODAY + datetime.timedelta(1))

    assert [p.title for p in on_the_day] == ["Na"]
    assert list(day_after) == []
    # The expired product stays listed.
    all_titles = {p.title for p in product_list_browsable(today=TODAY)}
    assert all_titles == {"Na", "Hồi"}


def test_featured_ocop_lists_valid_certificates_highest_stars_first():
    cooperative = cooperative_create()
    listed_product_create(cooperative=cooperative, title="Ba sao", stars=3)
    listed_product_create(cooperative=cooperative, title="Năm sao", stars=5)
    listed_product_create(
        cooperative=cooperative,
        title="Hết hạn",
        stars=5,
        expires_on=datetime.date(2020, 1, 1),
    )
    listed_product_create(cooperative=cooperative, title="Không sao")
    hidden = cooperative_create(name="HTX chờ duyệt", status="pending")
    listed_product_create(cooperative=hidden, title="Chưa duyệt", stars=5)

    featured = product_list_featured_ocop(limit=8)

    assert [p.title for p in featured] == ["Năm sao", "Ba sao"]


def test_featured_ocop_takes_a_fixed_number_of_queries(count_queries):
    cooperative = cooperative_create()
    for i in range(6):
        listed_product_create(cooperative=cooperative, title=f"SP {i}", stars=4)

    featured, queries = count_queries(product_list_featured_ocop, limit=4)

    assert len(featured) == 4
    assert [p.ocop_certificate.stars for p in featured] == [4, 4, 4, 4]
    # The products (with certificate and cooperative), stock records, images.
    assert queries == 3
