"""A small conference for the participation tests: its event, an approved
cooperative (HTX Na Chi Lăng, Lạng Sơn) with its staff and a product, an
approved business with its staff, an outsider cooperative, and staff."""

from types import SimpleNamespace

import pytest

from tests.factories.agreements import business_create, staff_user_create
from tests.factories.cooperatives import (
    cooperative_create,
    listed_product_create,
    staff_create,
)
from tests.factories.matchmaking import (
    business_user_create,
    event_create,
    participant_create,
)


@pytest.fixture
def world(db):
    event = event_create()
    coop = cooperative_create(name="HTX Na Chi Lăng")
    product = listed_product_create(cooperative=coop, title="Na Chi Lăng")
    coop_user = staff_create(cooperative=coop)
    coop_participant = participant_create(event=event, partner=coop.partner)
    business = business_create(name="Công ty Kỳ Lừa")
    business_user = business_user_create(business=business)
    business_participant = participant_create(event=event, business=business)
    other_coop = cooperative_create(name="HTX Mật ong Bắc Sơn")
    other_user = staff_create(cooperative=other_coop)
    return SimpleNamespace(
        event=event,
        slug=event.conference.slug,
        coop=coop,
        product=product,
        coop_user=coop_user,
        coop_participant=coop_participant,
        business=business,
        business_user=business_user,
        business_participant=business_participant,
        other_coop=other_coop,
        other_user=other_user,
        staff=staff_user_create(),
    )
