"""The shared query table, on the database backend here (PostgreSQL) and on
Elasticsearch when ELASTICSEARCH_URL is set. SQLite runs it in
tests/marketplace/test_embedded_default.py, on the embedded database."""

import os

import pytest

from .cases import CASES, check, run_database_table

pytestmark = pytest.mark.django_db


def test_shared_table_on_postgresql_database_backend(demo):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's backend (make test runs on PostgreSQL)")
    assert run_database_table() == []


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to run"
)
def test_shared_table_on_elasticsearch(demo, settings):
    from django.core.management import call_command

    from marketplace.search.elastic.client import product_search_elastic
    from marketplace.search.models import ProductSearchEntry
    from marketplace.search.query import ProductQuery

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "htx-test"
    call_command("search_index", "--rebuild")

    def titles(text):
        _, hits, _ = product_search_elastic(ProductQuery(text=text, per_page=10))
        names = dict(ProductSearchEntry.objects.values_list("pk", "name"))
        return [names[h.product_id] for h in hits]

    assert check(titles, typo_tolerant=True) == []


def test_the_table_covers_what_buyers_type():
    queries = {c.query for c in CASES}

    assert {"thach den trang dinh", "mat ong", "buoi da xanh", "keo dua"} <= queries
    assert any(c.typo for c in CASES)
    assert any(not c.first for c in CASES)
