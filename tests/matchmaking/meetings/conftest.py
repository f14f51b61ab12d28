"""A conference's matchmaking with three approved participants (a
cooperative and two businesses), each with a login, and the staff who run
it; plus someone who takes no part."""

from dataclasses import dataclass

import pytest

from tests.factories.agreements import (
    business_create,
    cooperative_create,
    cooperative_user_create,
    staff_user_create,
)
from tests.factories.matchmaking import (
    business_user_create,
    event_create,
    participant_create,
)


@dataclass
class World:
    event: object
    coop: object
    business: object
    other: object
    coop_user: object
    business_user: object
    other_user: object
    outsider: object
    staff: object

    @property
    def slug(self) -> str:
        return self.event.conference.slug


@pytest.fixture
def world(db) -> World:
    event = event_create()
    partner = cooperative_create(name="HTX Na Chi Lăng")
    coop = participant_create(event=event, partner=partner, name="HTX Na Chi Lăng")
    business = business_create(name="Công ty Nông sản Xanh")
    business_p = participant_create(event=event, business=business)
    other_business = business_create(name="Công ty Thực phẩm Việt")
    other = participant_create(event=event, business=other_business)
    outsider_partner = cooperative_create(name="HTX Không tham gia")
    return World(
        event=event,
        coop=coop,
        business=business_p,
        other=other,
        coop_user=cooperative_user_create(partner=partner, username="coop_a"),
        business_user=business_user_create(business=business, username="dn_a"),
        other_user=business_user_create(business=other_business, username="dn_b"),
        outsider=cooperative_user_create(partner=outsider_partner, username="coop_b"),
        staff=staff_user_create(username="mm_staff"),
    )
