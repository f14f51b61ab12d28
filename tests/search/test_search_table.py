"""The shared tables, on the database backend here (PostgreSQL, or SQLite
with DATABASE_URL=sqlite:...), on a fake Elasticsearch node that evaluates
filters and facets, and on a real Elasticsearch when ELASTICSEARCH_URL is
set. tests/marketplace/test_embedded_default.py runs the database tables on
a freshly migrated SQLite too."""

import os

import pytest
from django.db import connection
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections

from .cases import (
    CASES,
    FILTER_CASES,
    check,
    check_filters,
    run_database_table,
    titles_of,
)
from .fake_elasticsearch import EvaluatingNode

pytestmark = pytest.mark.django_db


def test_shared_tables_on_this_database_backend(demo):
    # PostgreSQL under make test; SQLite's folded-text backend with
    # DATABASE_URL=sqlite:... (and in test_embedded_default.py).
    assert connection.vendor in ("postgresql", "sqlite")

    assert run_database_table() == []


@pytest.fixture
def evaluating_es(settings):
    """The evaluating fake node as the search's Elasticsearch."""
    settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx-test"
    EvaluatingNode.documents = {}
    connections.add_connection(
        "default", Elasticsearch(settings.ELASTICSEARCH_URL, node_class=EvaluatingNode)
    )
    yield EvaluatingNode
    connections.remove_connection("default")


def elastic_search(query):
    """Answer ``query`` from Elasticsearch: (total, titles, facet counts)."""
    from marketplace.search.elastic.client import product_search_elastic

    total, hits, counts = product_search_elastic(query)
    return total, titles_of(hits), counts


def elastic_titles(text):
    from marketplace.search.query import ProductQuery

    return elastic_search(ProductQuery(text=text, per_page=20))[1]


def test_shared_tables_on_the_evaluating_elasticsearch_node(demo, evaluating_es):
    from catalog.catalogue.search_records import product_records
    from marketplace.search.elastic.client import products_index

    products_index(product_records())

    assert check_filters(elastic_search) == []
    assert check(elastic_titles, typo_tolerant=False) == []


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to run"
)
def test_shared_table_on_elasticsearch(demo, settings):
    from django.core.management import call_command

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx-test"
    call_command("search_index", "--rebuild")

    assert check(elastic_titles, typo_tolerant=True) == []
    assert check_filters(elastic_search) == []


def test_the_table_covers_what_buyers_type():
    queries = {c.query for c in CASES}

    assert {"thach den trang dinh", "mat ong", "buoi da xanh", "keo dua"} <= queries
    assert any(c.typo for c in CASES)
    assert any(not c.first for c in CASES)
    assert any(c.leading for c in CASES)
    params = {c.params for c in FILTER_CASES}
    assert {"q=mat+ong&province=86", "category=trai-cay"} <= params
    for name in ("province", "cooperative", "category", "stars", "price", "sort", "q"):
        assert any(f"{name}=" in p for p in params), name
