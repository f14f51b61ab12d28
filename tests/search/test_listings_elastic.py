"""Our side of the Elasticsearch contract for listings, without a server:
the mapping, the document a listing becomes, the query a search sends, how
a recorded response is read; and, when ELASTICSEARCH_URL is set, the same
searches against a real server."""

import datetime
import os
import uuid

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections

from marketplace.search.elastic.client import (
    index_rebuild,
    listing_search_elastic,
    listings_delete,
    listings_index,
)
from marketplace.search.elastic.documents import index_for
from marketplace.search.elastic.queries import (
    listing_results_read,
    listing_search_build,
)
from marketplace.search.records import ListingRecord

from .fake_elasticsearch import RecordingNode

RECORD = ListingRecord(
    kind="offer",
    object_id=7,
    scope="12",
    title="Na Chi Lăng",
    text="Trái cây HTX Na Chi Lăng Lạng Sơn",
    url="/ket-noi/hoi-nghi/doi-tac/3/",
    date=datetime.datetime(2027, 3, 1, 8, 0, tzinfo=datetime.UTC),
)


@pytest.fixture
def fake_es(settings):
    """The recording fake node as the client searches and indexing use."""
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"
    settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
    RecordingNode.requests = []
    RecordingNode.responses = []
    client = Elasticsearch(settings.ELASTICSEARCH_URL, node_class=RecordingNode)
    connections.add_connection("default", client)
    yield RecordingNode
    connections.remove_connection("default")


def test_listing_mapping_folds_title_and_text_with_prefixes(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    index = index_for("listings").to_dict()
    properties = index["mappings"]["properties"]

    prefix = {
        "type": "text",
        "analyzer": "vi_autocomplete",
        "search_analyzer": "vi_autocomplete_query",
    }
    assert properties["title"] == {
        "type": "text",
        "analyzer": "vi_text",
        "fields": {"prefix": prefix},
    }
    assert properties["text"] == properties["title"]
    assert properties["kind"] == {"type": "keyword"}
    assert properties["scope"] == {"type": "keyword"}
    assert properties["object_id"] == {"type": "long"}
    analyzers = index["settings"]["analysis"]["analyzer"]
    assert {"vi_text", "vi_autocomplete", "vi_autocomplete_query"} <= set(analyzers)


def test_the_search_sends_scope_kind_and_every_word_as_a_prefix(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    body = listing_search_build(kind="offer", scope="12", text="na chi").to_dict()

    assert body["query"] == {
        "bool": {
            "filter": [
                {"terms": {"scope": ["12"]}},
                {"terms": {"kind": ["offer"]}},
            ],
            "must": [
                {
                    "multi_match": {
                        "query": "na chi",
                        "fields": ["title^4", "title.prefix^2", "text", "text.prefix"],
                        "type": "most_fields",
                        "operator": "and",
                    }
                }
            ],
            "should": [{"match_phrase": {"title": {"query": "na chi", "boost": 8}}}],
        }
    }
    assert body["sort"] == ["_score", {"date": {"order": "desc"}}]
    assert body["_source"] == ["kind", "object_id"]
    assert body["size"] == 1000


def test_every_kind_of_the_scope_without_a_kind(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    body = listing_search_build(kind=None, scope="12", text="mat ong").to_dict()

    assert body["query"]["bool"]["filter"] == [{"terms": {"scope": ["12"]}}]


def test_a_listing_is_indexed_and_deleted_by_kind_and_id(fake_es):
    fake_es.responses += [
        (200, {"took": 1, "errors": False, "items": [{"index": {"status": 201}}]}),
        (200, {"took": 1, "errors": False, "items": [{"delete": {"status": 200}}]}),
    ]

    assert listings_index([RECORD]) == 1
    listings_delete(kind="want", object_ids=[7])

    indexed, deleted = (r["body"] for r in fake_es.requests)
    assert indexed == [
        {"index": {"_index": "htx-listings", "_id": "offer-7"}},
        {
            "kind": "offer",
            "object_id": 7,
            "scope": "12",
            "title": "Na Chi Lăng",
            "text": "Trái cây HTX Na Chi Lăng Lạng Sơn",
            "date": "2027-03-01T08:00:00+00:00",
            "url": "/ket-noi/hoi-nghi/doi-tac/3/",
        },
    ]
    assert deleted == [{"delete": {"_index": "htx-listings", "_id": "want-7"}}]


LISTING_RESPONSE = {
    "took": 1,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "max_score": 5.0,
        "hits": [
            {
                "_index": "htx-listings-20270301",
                "_id": "want-3",
                "_score": 5.0,
                "_source": {"kind": "want", "object_id": 3},
            },
            {
                "_index": "htx-listings-20270301",
                "_id": "offer-7",
                "_score": 2.0,
                "_source": {"kind": "offer", "object_id": 7},
            },
        ],
    },
}


def test_a_recorded_response_is_read_into_kinds_and_ids(fake_es):
    fake_es.responses.append((200, LISTING_RESPONSE))

    hits = listing_search_elastic(kind=None, scope="12", text="na")

    assert fake_es.requests[0]["target"] == "/htx-listings/_search"
    assert hits == [("want", 3), ("offer", 7)]


def test_the_reader_keeps_the_order(fake_es):
    fake_es.responses.append((200, LISTING_RESPONSE))

    response = (
        listing_search_build(kind=None, scope="12", text="na")
        .using("default")
        .execute()
    )

    assert listing_results_read(response) == [("want", 3), ("offer", 7)]


def _forget_client():
    try:
        connections.remove_connection("default")
    except KeyError:
        pass


@pytest.fixture
def fresh_client():
    """No cached client: the next one connects to the settings' URL, and the
    one this test makes is not left to the next tests."""
    _forget_client()
    yield
    _forget_client()


def test_the_service_answers_from_the_database_when_elasticsearch_fails(
    db, settings, fresh_client
):
    from marketplace.search.database.listings import listing_entries_write
    from marketplace.search.service import listing_search

    listing_entries_write([RECORD])
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there

    assert listing_search(kind=None, scope="12", q="na chi") == [("offer", 7)]


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to run"
)
def test_listings_on_a_real_elasticsearch(settings, fresh_client):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = f"htx-test-{uuid.uuid4().hex[:8]}"
    others = [
        ListingRecord("offer", 8, "12", "Mật ong rừng", "HTX Ong Bắc Sơn"),
        ListingRecord("want", 9, "13", "Na Chi Lăng", "another conference"),
    ]
    index_rebuild(
        "listings", lambda name: listings_index([RECORD, *others], index=name)
    )

    def search(text, scope="12", kind=None):
        return listing_search_elastic(kind=kind, scope=scope, text=text)

    assert search("na chi lang") == [("offer", 7)]
    assert search("chi la") == [("offer", 7)]
    assert search("mat ong") == [("offer", 8)]
    assert search("na", scope="13") == [("want", 9)]
    assert search("na", kind="want") == []
    listings_delete(kind="offer", object_ids=[7])
    assert search("na chi lang") == []
