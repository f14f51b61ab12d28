"""Listings on the database backend (PostgreSQL, or SQLite with
DATABASE_URL=sqlite:...): a registered source's rows, folded, found within
their scope by every word's start whatever the accents, reindexed, removed
when gone, rebuilt."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.search import sources
from marketplace.search.indexing import listings_index, listings_unindex
from marketplace.search.models import ListingSearchEntry
from marketplace.search.records import ListingRecord
from marketplace.search.service import listing_search

pytestmark = pytest.mark.django_db

KIND = "test-fruit"


@pytest.fixture
def rows(monkeypatch):
    """A registered source of listings kept in a dict: id -> record."""
    table: dict[int, ListingRecord] = {}

    def records(ids):
        chosen = table if ids is None else {i: table[i] for i in ids if i in table}
        return [chosen[i] for i in sorted(chosen)]

    monkeypatch.setitem(sources._listings, KIND, records)
    return table


def _add(rows, pk, title, text="", scope="1", days=0):
    rows[pk] = ListingRecord(
        kind=KIND,
        object_id=pk,
        scope=scope,
        title=title,
        text=text,
        url=f"/x/{pk}/",
        date=timezone.now() - datetime.timedelta(days=days),
    )


@pytest.fixture
def indexed(rows):
    _add(rows, 1, "Na Chi Lăng", "HTX Na Chi Lăng, Lạng Sơn")
    _add(rows, 2, "Mật ong rừng", "HTX Ong Bắc Sơn, chai 500 ml")
    _add(rows, 3, "Gạo nếp cái hoa vàng", "Công ty Kỳ Lừa mua", days=1)
    _add(rows, 4, "Mật ong bạc hà", "Hà Giang", scope="2")
    listings_index(kind=KIND, ids=rows)
    return rows


def _search(q, scope="1", kind=KIND):
    return [pk for _kind, pk in listing_search(kind=kind, scope=scope, q=q)]


@pytest.mark.parametrize("q", ["na chi lang", "Na Chi Lăng", "NA CHI", "chi la"])
def test_words_match_whatever_the_accents_and_as_prefixes(indexed, q):
    assert _search(q) == [1]


def test_mat_ong_finds_mat_ong_rung_and_never_another_scope(indexed):
    assert _search("mat ong") == [2]
    assert _search("mat ong", scope="2") == [4]
    assert _search("ha giang") == []


def test_every_word_must_match_and_the_text_counts(indexed):
    assert _search("gao mat") == []
    assert _search("ky lua") == [3]
    assert _search("lang son") == [1]


def test_a_title_match_ranks_before_a_text_match(rows):
    _add(rows, 1, "Chè Tân Cương", "HTX Na Chi Lăng")
    _add(rows, 2, "Na dai", "")
    listings_index(kind=KIND, ids=rows)

    assert _search("na") == [2, 1]


def test_kind_none_searches_every_kind_of_the_scope(indexed):
    assert listing_search(kind=None, scope="1", q="mat ong") == [(KIND, 2)]
    assert listing_search(kind="other", scope="1", q="mat ong") == []


def test_no_words_no_query(indexed, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert _search("  ,. ") == []


def test_an_edit_reindexes_and_a_gone_row_leaves(indexed):
    _add(indexed, 2, "Mật ong hoa cà phê", "Đắk Lắk")
    del indexed[3]

    assert listings_index(kind=KIND, ids=[2, 3]) == 1

    assert _search("ca phe") == [2]
    assert _search("rung") == []
    assert _search("gao") == []
    assert not ListingSearchEntry.objects.filter(kind=KIND, object_id=3).exists()


def test_unindex_removes_rows_of_that_kind_only(indexed):
    listings_unindex(kind="other", ids=[1])
    assert _search("na") == [1]

    listings_unindex(kind=KIND, ids=[1])

    assert _search("na") == []


def test_rebuild_writes_every_source_and_drops_what_is_gone(indexed):
    ListingSearchEntry.objects.filter(object_id=2).delete()
    ListingSearchEntry.objects.create(
        kind="unregistered", object_id=9, scope="1", title="x", folded_text=" x "
    )
    del indexed[3]

    call_command("search_index", "--rebuild", stdout=StringIO(), stderr=StringIO())

    assert _search("mat ong") == [2]
    assert _search("gao") == []
    assert not ListingSearchEntry.objects.filter(kind="unregistered").exists()
    assert set(
        ListingSearchEntry.objects.filter(kind=KIND).values_list("object_id", flat=True)
    ) == {1, 2, 4}


def test_one_query_whatever_the_number_of_hits(rows, django_assert_num_queries):
    for pk in range(1, 40):
        _add(rows, pk, f"Chè {pk}")
    listings_index(kind=KIND, ids=rows)

    with django_assert_num_queries(1):
        assert len(_search("che")) == 39
