"""The market's text search goes through the search layer: the offers and
requests of approved participants are indexed in their conference's scope
when they change (after the commit), found without diacritics, never across
conferences, and rebuilt by ``search_index --rebuild``."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from marketplace.search.models import ListingSearchEntry
from marketplace.search.service import listing_search
from matchmaking.models import ParticipantStatus
from matchmaking.search import OFFER, WANT, event_scope
from matchmaking.selectors.market import market_rows
from tests.factories.cooperatives import cooperative_create, listed_product_create
from tests.factories.matchmaking import (
    event_create,
    offer_create,
    participant_create,
    want_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block commits: the search index follows its rows."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def rows(world, committed):
    with committed():
        honey_coop = cooperative_create(name="HTX Ong Bắc Sơn")
        honey = listed_product_create(cooperative=honey_coop, title="Mật ong rừng")
        honey_participant = participant_create(
            event=world.event, partner=honey_coop.partner
        )
        return {
            "na": offer_create(
                participant=world.coop_participant, product=world.product
            ),
            "honey": offer_create(participant=honey_participant, product=honey),
            "rice": want_create(
                participant=world.business_participant,
                goods="Gạo nếp cái hoa vàng",
                note="Giao tại Hà Nội",
            ),
        }


def _found(world, q, kind=None):
    return listing_search(kind=kind, scope=event_scope(world.event.pk), q=q)


def _entries(kind, pk):
    return ListingSearchEntry.objects.filter(kind=kind, object_id=pk)


def test_na_chi_lang_and_mat_ong_are_found_without_diacritics(world, rows):
    assert _found(world, "na chi lang") == [(OFFER, rows["na"].pk)]
    assert _found(world, "mat ong") == [(OFFER, rows["honey"].pk)]
    assert _found(world, "gao nep ha noi") == [(WANT, rows["rice"].pk)]
    # The participant's name and province are in the text.
    assert _found(world, "ong bac son") == [(OFFER, rows["honey"].pk)]
    assert _found(world, "mat ong", kind=WANT) == []


def test_another_conference_never_comes_back(world, rows, committed):
    with committed():
        other = event_create()
        coop = cooperative_create(name="HTX Mật ong Tây Bắc")
        product = listed_product_create(cooperative=coop, title="Mật ong rừng")
        participant = participant_create(event=other, partner=coop.partner)
        theirs = offer_create(participant=participant, product=product)

    assert _found(world, "mat ong") == [(OFFER, rows["honey"].pk)]
    assert [r.item for r in market_rows(event=world.event, text="mat ong")] == [
        rows["honey"]
    ]
    assert [r.item for r in market_rows(event=other, text="mat ong")] == [theirs]


def test_a_pending_participants_rows_are_not_indexed_until_approved(world, committed):
    with committed():
        coop = cooperative_create(name="HTX Chè Tân Cương")
        product = listed_product_create(cooperative=coop, title="Chè Tân Cương")
        participant = participant_create(
            event=world.event, partner=coop.partner, status=ParticipantStatus.PENDING
        )
        offer = offer_create(participant=participant, product=product)

    assert not _entries(OFFER, offer.pk).exists()
    assert _found(world, "che tan cuong") == []

    with committed():
        participant.status = ParticipantStatus.APPROVED
        participant.save()
    assert _found(world, "che tan cuong") == [(OFFER, offer.pk)]

    with committed():
        participant.status = ParticipantStatus.REJECTED
        participant.save()
    assert not _entries(OFFER, offer.pk).exists()


def test_an_edit_reindexes_and_a_delete_unindexes(world, rows, committed):
    with committed():
        rows["rice"].goods = "Gạo tám thơm"
        rows["rice"].save()
    assert _found(world, "gao tam") == [(WANT, rows["rice"].pk)]
    assert _found(world, "nep cai") == []

    with committed():
        world.product.title = "Na dai Chi Lăng"
        world.product.save()
    assert _found(world, "na dai") == [(OFFER, rows["na"].pk)]

    with committed():
        rows["honey"].delete()
    assert not _entries(OFFER, rows["honey"].pk).exists()
    assert _found(world, "mat ong") == []


def test_nothing_is_indexed_before_the_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        want = want_create(
            participant=world.business_participant, goods="Cam Cao Phong"
        )
    assert not _entries(WANT, want.pk).exists()

    for callback in callbacks:
        callback()
    assert _entries(WANT, want.pk).get().title == "Cam Cao Phong"


def test_the_rebuild_writes_the_market_again(world, rows):
    ListingSearchEntry.objects.all().delete()

    call_command("search_index", "--rebuild", stdout=StringIO(), stderr=StringIO())

    assert _found(world, "na chi lang") == [(OFFER, rows["na"].pk)]
    assert _found(world, "gao") == [(WANT, rows["rice"].pk)]
    assert (
        ListingSearchEntry.objects.filter(scope=event_scope(world.event.pk)).count()
        == 3
    )


def test_the_market_page_searches_through_the_index(client, world, rows):
    ListingSearchEntry.objects.filter(kind=OFFER, object_id=rows["na"].pk).delete()
    client.force_login(world.business_user)
    url = reverse("matchmaking:market", kwargs={"slug": world.slug})

    # The page answers from the index, not from the rows.
    assert client.get(url, {"q": "na chi lang"}).context["total"] == 0
    response = client.get(url, {"q": "mat ong"})
    assert response.context["total"] == 1
    assert "<mark>Mật</mark> <mark>ong</mark> rừng" in response.content.decode()


def test_a_search_page_costs_the_same_for_few_or_many(
    client, world, rows, committed, count_queries
):
    client.force_login(world.business_user)
    url = reverse("matchmaking:market", kwargs={"slug": world.slug})
    client.get(url, {"q": "che"})
    with committed():
        product = listed_product_create(cooperative=world.coop, title="Chè 0")
        offer_create(participant=world.coop_participant, product=product)
        want_create(participant=world.business_participant, goods="Chè 0")
    _r, few = count_queries(client.get, url, {"q": "che"})
    with committed():
        for n in range(1, 25):
            coop = cooperative_create(name=f"HTX {n}")
            product = listed_product_create(cooperative=coop, title=f"Chè {n}")
            participant = participant_create(event=world.event, partner=coop.partner)
            offer_create(participant=participant, product=product)
            want_create(participant=world.business_participant, goods=f"Chè {n}")
    response, many = count_queries(client.get, url, {"q": "che"})
    assert many == few
    assert response.context["total"] == 50
