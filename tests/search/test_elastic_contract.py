"""Our side of the Elasticsearch contract, checked without a server.

The mapping and analyzers, the query a faceted and sorted search sends, and
how a recorded response is read, through the real client and a fake node.
"""

import datetime

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections

from marketplace.search.elastic.client import (
    news_delete,
    news_index,
    products_delete,
    products_index,
)
from marketplace.search.elastic.documents import index_for
from marketplace.search.elastic.queries import (
    news_results_read,
    news_search_build,
    product_results_read,
    product_search_build,
)
from marketplace.search.query import ProductQuery
from marketplace.search.records import NewsRecord, ProductRecord

from .fake_elasticsearch import RecordingNode


@pytest.fixture
def fake_es(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"
    RecordingNode.requests = []
    RecordingNode.responses = []
    client = Elasticsearch("http://es.invalid:9200", node_class=RecordingNode)
    connections.add_connection("fake", client)
    yield RecordingNode
    connections.remove_connection("fake")


def test_product_index_defines_the_vietnamese_analyzer(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    body = index_for("products").to_dict()

    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["vi_text"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "vi_folding"],
    }
    assert analysis["filter"]["vi_folding"] == {
        "type": "asciifolding",
        "preserve_original": True,
    }
    assert analysis["filter"]["vi_edge_ngram"] == {
        "type": "edge_ngram",
        "min_gram": 2,
        "max_gram": 15,
    }


def test_exact_analyzer_keeps_diacritics_and_one_tone_placement(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    analysis = index_for("products").to_dict()["settings"]["analysis"]

    assert analysis["analyzer"]["vi_exact"] == {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["vi_tone_placement"],
        "filter": ["lowercase"],
    }
    mappings = analysis["char_filter"]["vi_tone_placement"]["mappings"]
    assert mappings[0] == "òa => oà"
    assert "ủy => uỷ" in mappings
    assert len(mappings) == 15


def test_query_typed_with_diacritics_puts_exact_spellings_first(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    body = product_search_build(ProductQuery(text="chè")).to_dict()

    # Every folded match qualifies; spelt as typed adds a constant far above
    # any folded score.
    assert (
        body["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]["query"]
        == "chè"
    )
    assert body["query"]["bool"]["should"] == [
        {
            "constant_score": {
                "filter": {
                    "multi_match": {
                        "query": "chè",
                        "fields": [
                            "name.exact",
                            "cooperative.exact",
                            "categories.exact",
                            "description.exact",
                        ],
                        "type": "cross_fields",
                        "operator": "and",
                    }
                },
                "boost": 1000.0,
            }
        }
    ]


def test_query_without_diacritics_matches_folded_alone(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    body = product_search_build(ProductQuery(text="che")).to_dict()

    assert "must" not in body["query"]["bool"]
    assert body["query"]["bool"]["minimum_should_match"] == 1


def test_product_mapping_has_folded_text_type_ahead_and_facet_fields(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    properties = index_for("products").to_dict()["mappings"]["properties"]

    assert properties["name"] == {
        "type": "text",
        "analyzer": "vi_text",
        "fields": {
            "suggest": {
                "type": "text",
                "analyzer": "vi_autocomplete",
                "search_analyzer": "vi_autocomplete_query",
            },
            "raw": {"type": "keyword"},
            "exact": {"type": "text", "analyzer": "vi_exact"},
        },
    }
    for name in ("description", "cooperative", "categories"):
        assert properties[name]["fields"]["exact"] == {
            "type": "text",
            "analyzer": "vi_exact",
        }
    assert properties["ocop_stars"] == {"type": "integer"}
    assert properties["price"] == {"type": "long"}
    assert properties["province_code"] == {"type": "integer"}
    assert properties["category_slugs"] == {"type": "keyword"}
    assert properties["url"] == {"type": "keyword", "index": False}


def test_index_name_comes_from_settings_at_call_time(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "tinh-lang-son"

    assert index_for("news")._name == "tinh-lang-son-news"


def test_faceted_sorted_search_sends_the_expected_query(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"
    query = ProductQuery(
        text="mat ong",
        stars=(4,),
        province_codes=(20,),
        price_range="200k-500k",
        sort="price_asc",
        page=2,
        per_page=10,
    )

    body = product_search_build(query).to_dict()

    assert body["from"] == 10 and body["size"] == 10
    assert body["sort"] == [{"price": {"order": "asc"}}, "_score"]
    match = body["query"]["bool"]["should"][0]["multi_match"]
    assert match["query"] == "mat ong"
    assert match["fuzziness"] == "AUTO"
    assert match["fields"] == ["name^4", "cooperative^2", "categories^2", "description"]
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"ocop_stars": [4]}},
                {"terms": {"province_code": [20]}},
                {"range": {"price": {"gte": 200000, "lt": 500000}}},
            ]
        }
    }
    # Each facet counts with every filter but its own.
    stars_agg = body["aggs"]["stars"]
    assert stars_agg["filter"] == {
        "bool": {
            "filter": [
                {"terms": {"province_code": [20]}},
                {"range": {"price": {"gte": 200000, "lt": 500000}}},
            ]
        }
    }
    assert stars_agg["aggs"]["values"] == {
        "terms": {"field": "ocop_stars", "size": 100}
    }
    assert body["aggs"]["category"]["filter"]["bool"]["filter"] == [
        {"terms": {"ocop_stars": [4]}},
        {"terms": {"province_code": [20]}},
        {"range": {"price": {"gte": 200000, "lt": 500000}}},
    ]
    price_ranges = body["aggs"]["price"]["aggs"]["values"]["range"]["ranges"]
    assert price_ranges[0] == {"key": "under-50k", "to": 50000}
    assert price_ranges[-1] == {"key": "500k-plus", "from": 500000}
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["fields"] == {
        "name": {
            "number_of_fragments": 0,
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
        }
    }


def test_search_without_text_or_filters_matches_all_and_sorts_by_relevance(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    body = product_search_build(ProductQuery()).to_dict()

    assert "query" not in body
    assert "post_filter" not in body
    assert body["aggs"]["stars"]["filter"] == {"match_all": {}}
    assert body["sort"] == ["_score", {"date": {"order": "desc"}}]


RECORDED_RESPONSE = {
    "took": 3,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "max_score": 7.1,
        "hits": [
            {
                "_index": "htx-products-20261123",
                "_id": "5",
                "_score": 7.1,
                "_source": {"name": "Mật ong ngũ gia bì"},
                "highlight": {"name": ["<mark>Mật</mark> <mark>ong</mark> ngũ gia bì"]},
            },
            {
                "_index": "htx-products-20261123",
                "_id": "6",
                "_score": 5.2,
                "_source": {"name": "Mật ong hoa rừng <Quảng Lạc>"},
            },
        ],
    },
    "aggregations": {
        "stars": {
            "doc_count": 2,
            "values": {
                "buckets": [{"key": 4, "doc_count": 1}, {"key": 3, "doc_count": 1}]
            },
        },
        "province": {
            "doc_count": 2,
            "values": {"buckets": [{"key": 20, "doc_count": 2}]},
        },
        "category": {
            "doc_count": 2,
            "values": {"buckets": [{"key": "mat-ong-tinh-dau", "doc_count": 2}]},
        },
        "cooperative": {
            "doc_count": 2,
            "values": {"buckets": [{"key": "htx-quang-lac", "doc_count": 2}]},
        },
        "price": {
            "doc_count": 2,
            "values": {
                "buckets": {
                    "under-50k": {"to": 50000.0, "doc_count": 0},
                    "200k-500k": {"from": 200000.0, "to": 500000.0, "doc_count": 2},
                }
            },
        },
    },
}


def test_recorded_response_is_read_into_hits_highlights_and_facet_counts(fake_es):
    fake_es.responses.append((200, RECORDED_RESPONSE))
    search = product_search_build(ProductQuery(text="mật ong")).using("fake")

    total, hits, counts = product_results_read(search.execute())

    request = fake_es.requests[0]
    assert request["method"] == "POST"
    assert request["target"] == "/htx-products/_search"
    matched = request["body"]["query"]["bool"]["must"][0]
    assert matched["bool"]["should"][1] == {
        "match_phrase": {"name": {"query": "mật ong", "boost": 8}}
    }
    assert total == 2
    assert [h.product_id for h in hits] == [5, 6]
    assert hits[0].highlighted_title == "<mark>Mật</mark> <mark>ong</mark> ngũ gia bì"
    # Without a highlight the title is escaped, never trusted as HTML.
    assert hits[1].highlighted_title == "Mật ong hoa rừng &lt;Quảng Lạc&gt;"
    assert counts["stars"] == {"4": 1, "3": 1}
    assert counts["province"] == {"20": 2}
    assert counts["price"] == {"under-50k": 0, "200k-500k": 2}


# News -----------------------------------------------------------------------


def test_news_search_sends_the_expected_query(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    body = news_search_build("tin tuc", page=2, per_page=10).to_dict()

    assert body["from"] == 10 and body["size"] == 10
    assert body["query"] == {
        "bool": {
            "should": [
                {
                    "multi_match": {
                        "query": "tin tuc",
                        "fields": ["title^4", "intro^2", "body", "tags"],
                        "type": "most_fields",
                        "operator": "and",
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                    }
                },
                {"match_phrase": {"title": {"query": "tin tuc", "boost": 8}}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert body["sort"] == ["_score", {"date": {"order": "desc"}}]
    assert body["highlight"] == {
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "fields": {
            "title": {"number_of_fragments": 0},
            "intro": {"number_of_fragments": 0},
        },
    }
    assert body["_source"] == ["title", "intro", "url", "date"]


def test_news_mapping_folds_title_intro_and_body(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx"

    properties = index_for("news").to_dict()["mappings"]["properties"]

    assert properties["title"]["analyzer"] == "vi_text"
    assert properties["intro"] == {"type": "text", "analyzer": "vi_text"}
    assert properties["body"] == {"type": "text", "analyzer": "vi_text"}
    assert properties["tags"] == {"type": "keyword"}
    assert properties["date"] == {"type": "date"}


@pytest.fixture
def fake_default_es(fake_es, settings):
    """The fake node as the client the indexing wrapper uses."""
    settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
    client = connections.get_connection("fake")
    connections.add_connection("default", client)
    yield fake_es
    connections.remove_connection("default")


NEWS_RECORD = NewsRecord(
    page_id=42,
    title="Tin tức: Hội nghị Đồng Đăng",
    intro="Các HTX ký kết.",
    body="Nội dung",
    category="news",
    tags=["hội nghị"],
    date=datetime.date(2024, 5, 17),
    url="/tin-tuc/hoi-nghi/",
)


def test_news_page_is_indexed_with_the_document_body(fake_default_es):
    fake_default_es.responses.append(
        (
            200,
            {
                "took": 1,
                "errors": False,
                "items": [{"index": {"_id": "42", "status": 201}}],
            },
        )
    )

    assert news_index([NEWS_RECORD]) == 1

    request = fake_default_es.requests[0]
    assert request["method"] == "PUT"
    assert request["target"].startswith("/_bulk")
    assert request["body"] == [
        {"index": {"_index": "htx-news", "_id": 42}},
        {
            "title": "Tin tức: Hội nghị Đồng Đăng",
            "intro": "Các HTX ký kết.",
            "body": "Nội dung",
            "category": "news",
            "tags": ["hội nghị"],
            "date": "2024-05-17",
            "url": "/tin-tuc/hoi-nghi/",
        },
    ]


def test_unpublished_news_page_is_deleted_from_the_index(fake_default_es):
    fake_default_es.responses.append(
        (
            200,
            {
                "took": 1,
                "errors": False,
                "items": [{"delete": {"_id": "42", "status": 200}}],
            },
        )
    )

    news_delete([42])

    assert fake_default_es.requests[0]["body"] == [
        {"delete": {"_index": "htx-news", "_id": 42}}
    ]


def test_products_are_bulk_indexed_and_deleted_through_the_alias(fake_default_es):
    record = ProductRecord(
        product_id=7,
        name="Bưởi da xanh",
        description="Bưởi Chợ Lách",
        cooperative_name="HTX Quới Sơn",
        cooperative_slug="htx-quoi-son",
        province_code=86,
        price=65000,
        available=True,
    )
    fake_default_es.responses += [
        (200, {"took": 1, "errors": False, "items": [{"index": {"status": 201}}]}),
        (200, {"took": 1, "errors": False, "items": [{"delete": {"status": 200}}]}),
    ]

    assert products_index([record]) == 1
    products_delete([8])

    indexed, deleted = (r["body"] for r in fake_default_es.requests)
    assert indexed[0] == {"index": {"_index": "htx-products", "_id": 7}}
    assert indexed[1]["name"] == "Bưởi da xanh"
    assert indexed[1]["cooperative_slug"] == "htx-quoi-son"
    assert indexed[1]["price"] == 65000
    assert deleted == [{"delete": {"_index": "htx-products", "_id": 8}}]


NEWS_RESPONSE = {
    "took": 2,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 1, "relation": "eq"},
        "max_score": 3.2,
        "hits": [
            {
                "_index": "htx-news-20261123",
                "_id": "42",
                "_score": 3.2,
                "_source": {
                    "title": "Tin tức <Đồng Đăng>",
                    "intro": "Các HTX ký kết.",
                    "url": "/tin-tuc/hoi-nghi/",
                    "date": "2024-05-17",
                },
                "highlight": {"title": ["<mark>Tin</mark> <mark>tức</mark>"]},
            }
        ],
    },
}


def test_recorded_news_response_is_read_into_highlighted_hits(fake_es):
    fake_es.responses.append((200, NEWS_RESPONSE))

    total, hits = news_results_read(
        news_search_build("tin tuc").using("fake").execute()
    )

    assert fake_es.requests[0]["target"] == "/htx-news/_search"
    assert total == 1
    assert hits[0].page_id == 42
    assert hits[0].url == "/tin-tuc/hoi-nghi/"
    assert hits[0].highlighted_title == "<mark>Tin</mark> <mark>tức</mark>"
    # Not highlighted: escaped, never trusted as HTML.
    assert hits[0].highlighted_intro == "Các HTX ký kết."
