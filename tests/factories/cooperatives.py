"""Build cooperatives, their staff, listings and OCOP certificates for tests."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from catalog.cooperatives.models import (
    ApprovalStatus,
    Cooperative,
    OcopCertificate,
    ProductListing,
)
from marketplace.core import roles
from tests.factories.catalogue import partner_create, product_create

User = get_user_model()
_numbers = itertools.count(1)

#: Real 2025 units: Lạng Sơn (20) and its commune Chi Lăng (6463).
LANG_SON, CHI_LANG = 20, 6463
#: Vĩnh Long (86) and its commune Tân Phú (28840).
VINH_LONG, TAN_PHU = 86, 28840


def cooperative_create(
    *,
    name: str = "HTX Đồng Bành",
    slug: str | None = None,
    status: str = ApprovalStatus.APPROVED,
    province_code: int = LANG_SON,
    ward_code: int = CHI_LANG,
    **fields,
) -> Cooperative:
    """Create an (approved) cooperative with its Oscar partner."""
    n = next(_numbers)
    slug = slug or f"htx-{n}"
    partner = partner_create(name=name, code=slug)
    return Cooperative.objects.create(
        partner=partner,
        name=name,
        slug=slug,
        status=status,
        province_code=province_code,
        ward_code=ward_code,
        **fields,
    )


def staff_create(*, cooperative: Cooperative, email: str | None = None):
    """Create a user in the cooperative-staff role who works for ``cooperative``."""
    n = next(_numbers)
    email = email or f"staff{n}@htx.test"
    user = User.objects.create_user(
        username=email.split("@")[0], email=email, password="pw-test-123"
    )
    group, _ = Group.objects.get_or_create(name=roles.COOPERATIVE_STAFF)
    user.groups.add(group)
    cooperative.partner.users.add(user)
    return user


def listed_product_create(
    *,
    cooperative: Cooperative,
    title: str = "Na Chi Lăng",
    price: int = 60000,
    stock: int = 10,
    status: str = ApprovalStatus.APPROVED,
    stars: int | None = None,
    expires_on: datetime.date | None = None,
    category=None,
    unit: str = "kg",
):
    """Create a product sold by ``cooperative``, approved, optionally OCOP-rated."""
    product = product_create(
        title=title,
        price=price,
        stock=stock,
        partner=cooperative.partner,
        category=category,
    )
    if status != ApprovalStatus.APPROVED:
        product.is_public = False
        product.save(update_fields=["is_public"])
    ProductListing.objects.create(
        product=product,
        cooperative=cooperative,
        status=status,
        unit=unit,
        origin="Chi Lăng, Lạng Sơn",
        shelf_life="7 ngày",
    )
    if stars:
        certificate_create(product=product, stars=stars, expires_on=expires_on)
    return product


def certificate_create(
    *,
    product,
    stars: int = 4,
    number: str | None = None,
    issued_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> OcopCertificate:
    if issued_on is None:
        issued_on = timezone.localdate() - datetime.timedelta(days=100)
        if expires_on is not None and expires_on < issued_on:
            issued_on = expires_on - datetime.timedelta(days=365)
    return OcopCertificate.objects.create(
        product=product,
        stars=stars,
        number=number or f"{next(_numbers)}/QĐ-UBND",
        issuing_body="UBND tỉnh Lạng Sơn",
        issued_on=issued_on,
        expires_on=expires_on,
    )
