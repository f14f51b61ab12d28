"""The market: the approved participants' offers and requests, found
without diacritics on SQLite and PostgreSQL, filtered, paginated, in a
fixed number of queries."""

import pytest
from django.urls import reverse

from matchmaking.models import ParticipantStatus
from matchmaking.selectors.market import market_rows
from tests.factories.catalogue import category_create
from tests.factories.cooperatives import cooperative_create, listed_product_create
from tests.factories.matchmaking import offer_create, participant_create, want_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(world, django_capture_on_commit_callbacks):
    # The rows reach the search index when their transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        return _market(world)


def _market(world):
    honey_coop = cooperative_create(name="HTX Ong Bắc Sơn")
    honey = listed_product_create(
        cooperative=honey_coop, title="Mật ong rừng Bắc Sơn", stars=4
    )
    honey_participant = participant_create(
        event=world.event, partner=honey_coop.partner
    )
    offer_create(participant=world.coop_participant, product=world.product)
    honey_offer = offer_create(
        participant=honey_participant, product=honey, ocop_stars=4
    )
    want_create(participant=world.business_participant, goods="Gạo nếp cái hoa vàng")
    return honey_offer


def _titles(rows):
    return [str(r.item) for r in rows]


@pytest.mark.parametrize("text", ["na chi lang", "Na Chi Lăng", "NA CHI", "chi la"])
def test_search_finds_offers_without_diacritics(world, market, text):
    assert _titles(market_rows(event=world.event, text=text)) == ["Na Chi Lăng"]


def test_search_finds_requests_and_needs_every_word(world, market):
    assert _titles(market_rows(event=world.event, text="gao nep")) == [
        "Gạo nếp cái hoa vàng"
    ]
    assert market_rows(event=world.event, text="gao mat") == []
    assert _titles(market_rows(event=world.event, text="mat ong")) == [
        "Mật ong rừng Bắc Sơn"
    ]


def test_filters_kind_stars_province_category(world, market):
    assert {r.kind for r in market_rows(event=world.event, kind="want")} == {"want"}
    assert _titles(market_rows(event=world.event, stars=4)) == ["Mật ong rừng Bắc Sơn"]
    assert market_rows(event=world.event, stars=5) == []
    assert market_rows(event=world.event, province_code=86) == []
    fruit = category_create(name="Trái cây", slug="trai-cay-test")
    world.product.categories.add(fruit)
    assert _titles(market_rows(event=world.event, kind="offer", category=fruit)) == [
        "Na Chi Lăng"
    ]


def test_only_approved_participants_show(world, market):
    market.participant.status = ParticipantStatus.PENDING
    market.participant.save()
    assert "Mật ong rừng Bắc Sơn" not in _titles(market_rows(event=world.event))


def test_the_market_page_searches_and_links(client, world, market):
    client.force_login(world.business_user)
    url = reverse("matchmaking:market", kwargs={"slug": world.slug})
    response = client.get(url, {"q": "na chi lang"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Na</mark>" in page and "Mật ong" not in page
    assert (
        reverse(
            "matchmaking:participant-detail",
            kwargs={"slug": world.slug, "pk": world.coop_participant.pk},
        )
        in page
    )


def test_the_market_page_costs_the_same_for_few_or_many(
    client, world, market, count_queries
):
    client.force_login(world.business_user)
    url = reverse("matchmaking:market", kwargs={"slug": world.slug})
    client.get(url)  # the session and the site's caches, once
    _r, few = count_queries(client.get, url)
    for n in range(30):
        coop = cooperative_create(name=f"HTX {n}")
        product = listed_product_create(cooperative=coop, title=f"Chè {n}")
        participant = participant_create(event=world.event, partner=coop.partner)
        offer_create(participant=participant, product=product)
        want_create(participant=world.business_participant, goods=f"Chè {n}")
    response, many = count_queries(client.get, url)
    assert many == few
    assert response.context["total"] == 63
    assert len(response.context["results"].object_list) == 20
