"""Suggested partners: ranked by goods, volume, season and distance, with
their reasons in words, those already invited marked, in fixed queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from matchmaking.models import MeetingStatus
from matchmaking.selectors.suggestions import (
    distance_score,
    offer_months,
    suggestions_for,
    window_months,
)
from tests.factories.agreements import business_create
from tests.factories.cooperatives import (
    VINH_LONG,
)
from tests.factories.matchmaking import (
    meeting_create,
    offer_create,
    participant_create,
    want_create,
)

pytestmark = pytest.mark.django_db
LANG_SON, CAO_BANG, HA_NOI = 20, 4, 1


def _window(month_from: int, month_until: int):
    year = datetime.date.today().year + 1
    return datetime.date(year, month_from, 1), datetime.date(year, month_until, 28)


@pytest.fixture
def scene(world):
    # Coop A (Lạng Sơn) offers Na Chi Lăng, 500 kg, months 7-9.
    offer_create(participant=world.coop_participant, product=world.product)
    start, end = _window(8, 8)
    near = want_create(
        participant=world.business_participant,
        goods="Na",
        monthly_volume=Decimal("400"),
        deliver_from=start,
        deliver_until=end,
        destination_province_code=LANG_SON,
    )
    far_business = participant_create(
        event=world.event,
        business=business_create(name="Công ty Miền Tây"),
        province_code=VINH_LONG,
    )
    start, end = _window(1, 2)
    far = want_create(
        participant=far_business,
        goods="na chi lang",
        monthly_volume=Decimal("5000"),
        deliver_from=start,
        deliver_until=end,
        destination_province_code=VINH_LONG,
    )
    unrelated = participant_create(event=world.event, business=business_create())
    want_create(participant=unrelated, goods="Cà phê")
    return near, far


def test_businesses_are_ranked_with_reasons(world, scene):
    with translation.override("en"):
        suggestions = suggestions_for(participant=world.coop_participant)
    assert [s.participant.name for s in suggestions] == [
        "Công ty Kỳ Lừa",
        "Công ty Miền Tây",
    ]
    best, worse = suggestions
    assert best.reasons == [
        "Same goods: Na Chi Lăng",
        "Enough volume",
        "In season",
        "Same province",
    ]
    assert worse.reasons == ["Same goods: Na Chi Lăng"]
    assert best.score > worse.score


def test_a_business_sees_the_cooperatives_and_the_same_product_counts_most(
    world, scene
):
    near, _far = scene
    near.product = world.product
    near.save()
    with translation.override("en"):
        (suggestion,) = suggestions_for(participant=world.business_participant)
    assert suggestion.participant == world.coop_participant
    assert suggestion.reasons[0] == "Same product: Na Chi Lăng"


def test_those_already_invited_are_marked_and_last(world, scene):
    meeting_create(
        requester=world.business_participant,
        invitee=world.coop_participant,
        status=MeetingStatus.REQUESTED,
    )
    suggestions = suggestions_for(participant=world.coop_participant)
    assert [(s.participant.name, s.invited) for s in suggestions] == [
        ("Công ty Miền Tây", False),
        ("Công ty Kỳ Lừa", True),
    ]


def test_distance_season_and_window_rules():
    assert (
        distance_score(LANG_SON, LANG_SON)[0]
        > distance_score(LANG_SON, CAO_BANG)[0]
        > 0
    )
    assert distance_score(LANG_SON, VINH_LONG)[0] == 0
    assert distance_score(None, LANG_SON)[0] == 0

    class Offer:
        season_from, season_until = 11, 2

    assert offer_months(Offer) == {11, 12, 1, 2}
    Offer.season_from = Offer.season_until = None
    assert offer_months(Offer) == set(range(1, 13))
    assert window_months(datetime.date(2026, 12, 1), datetime.date(2027, 1, 5)) == {
        12,
        1,
    }
    assert window_months(None, None) == set()


def test_suggestions_cost_fixed_queries(client, world, scene, count_queries):
    _r, few = count_queries(suggestions_for, participant=world.coop_participant)
    for _n in range(10):
        business = participant_create(event=world.event, business=business_create())
        want_create(participant=business, goods="Na")
    result, many = count_queries(suggestions_for, participant=world.coop_participant)
    assert many == few
    assert len(result) == 12
    client.force_login(world.coop_user)
    response = client.get(
        reverse("matchmaking:suggestions", kwargs={"slug": world.slug})
    )
    assert response.status_code == 200
    assert "Công ty Kỳ Lừa" in response.content.decode()


@pytest.mark.parametrize(
    "goods, matches",
    [("Na", True), ("Na Chi Lăng loại 1", True), ("NA CHI LANG", True), ("Nam", False)],
)
def test_goods_name_the_product_in_whole_words(world, goods, matches):
    from matchmaking.selectors.suggestions import pair_score

    offer = offer_create(participant=world.coop_participant, product=world.product)
    want = want_create(participant=world.business_participant, goods=goods)
    assert bool(pair_score(offer, want)[0]) is matches
