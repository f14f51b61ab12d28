"""Articles can carry cards of approved cooperatives, fetched in one query."""

import json

import pytest

from catalog.cooperatives.models import ApprovalStatus
from tests.factories.cooperatives import cooperative_create, listed_product_create

from .conftest import article

pytestmark = pytest.mark.django_db


def _with_cards(news, n, cooperatives):
    body = [{"type": "paragraph", "value": "<p>Giới thiệu</p>"}] + [
        {"type": "cooperative", "value": {"cooperative": c.slug, "note": ""}}
        for c in cooperatives
    ]
    return article(news, n, body=json.dumps(body))


def test_cooperative_card_shows_name_place_products_and_link(client, news_site):
    cooperative = cooperative_create(name="HTX Quảng Lạc", slug="htx-quang-lac")
    listed_product_create(cooperative=cooperative, title="Mật ong ngũ gia bì", stars=4)
    page = _with_cards(news_site.news, 20, [cooperative])

    html = client.get(page.url).content.decode()

    assert "HTX Quảng Lạc" in html
    assert 'href="/shop/hop-tac-xa/htx-quang-lac/"' in html
    assert "Lạng Sơn" in html


def test_card_of_a_cooperative_not_approved_shows_nothing(client, news_site):
    pending = cooperative_create(
        name="HTX Chờ duyệt", slug="htx-cho-duyet", status=ApprovalStatus.PENDING
    )
    page = _with_cards(news_site.news, 21, [pending])

    response = client.get(page.url)

    assert response.status_code == 200
    assert "HTX Chờ duyệt" not in response.content.decode()


def test_article_queries_do_not_grow_with_cooperative_cards(
    client, news_site, count_queries, no_page_cache
):
    cooperatives = [
        cooperative_create(name=f"HTX {n}", slug=f"htx-so-{n}") for n in range(4)
    ]
    one = _with_cards(news_site.news, 30, cooperatives[:1])
    four = _with_cards(news_site.news, 31, cooperatives)
    client.get(one.url)

    few = count_queries(client.get, one.url)[1]
    many = count_queries(client.get, four.url)[1]

    assert many == few
    assert client.get(four.url).content.decode().count("cooperative-card") == 4
