"""Wagtail's own search (admin, news) folds Vietnamese on PostgreSQL."""

import pytest
from django.db import connection

from cms.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query", ["hoi nghi ban chap hanh", "Hội nghị Ban Chấp hành", "lien minh ben tre"]
)
def test_news_search_finds_the_article_typed_without_diacritics(demo, query):
    if connection.vendor != "postgresql":
        pytest.skip("Wagtail's PostgreSQL search (make test runs on PostgreSQL)")

    titles = [page.title for page in ArticlePage.objects.live().search(query)]

    assert any(t.startswith("Hội nghị Ban Chấp hành Liên minh") for t in titles), titles
