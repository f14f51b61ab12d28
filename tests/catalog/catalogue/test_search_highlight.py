"""Search highlights: the name is escaped, only <mark> reaches the page as a tag."""

import pytest
from django.urls import reverse

from catalog.catalogue import search_views
from cms import search_views as news_search_views
from marketplace.search.database import text as database
from marketplace.search.indexing import products_reindex
from marketplace.search.query import NewsHit, NewsResults, ProductHit, ProductResults
from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = pytest.mark.django_db


def test_database_highlighter_escapes_the_title_before_adding_mark():
    highlighted = database.highlight('Na <script>alert(1)</script> & "dai"', "na")

    assert highlighted == (
        "<mark>Na</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;dai&quot;"
    )


def test_search_page_shows_a_scripted_name_as_text(client):
    # Given a product whose name carries markup
    product = listed_product_create(
        cooperative=cooperative_create(), title="Na <img src=x onerror=alert(1)>"
    )
    products_reindex([product.pk])

    # When a buyer searches for it
    response = client.get(reverse("product-search"), {"q": "na"})

    # Then the match is marked and the markup is text
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Na</mark> &lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x onerror" not in html


def test_search_page_keeps_only_mark_from_a_backend_that_did_not_escape(
    client, monkeypatch
):
    # Given a backend answering with unescaped markup around its <mark>
    product = listed_product_create(cooperative=cooperative_create(), title="Na")
    monkeypatch.setattr(
        search_views,
        "product_search",
        lambda query: ProductResults(
            total=1,
            hits=[
                ProductHit(
                    product_id=product.pk,
                    highlighted_title='<mark>Na</mark><img src=x onerror="alert(1)">',
                )
            ],
        ),
    )
    monkeypatch.setattr(
        news_search_views,
        "news_search",
        lambda text, page, per_page: NewsResults(
            total=1,
            hits=[
                NewsHit(
                    page_id=1,
                    url="/tin-tuc/na/",
                    date=None,
                    highlighted_title="<mark>Na</mark><script>alert(2)</script>",
                    highlighted_intro='<a href="javascript:alert(3)">Na</a>',
                )
            ],
        ),
    )

    # When the products tab and the news tab are shown
    products = client.get(reverse("product-search"), {"q": "na"})
    news = client.get(reverse("product-search"), {"q": "na", "tab": "news"})

    # Then only the <mark> tags are left
    assert [title for _, title in products.context["rows"]] == ["<mark>Na</mark>"]
    assert [(r["title"], r["intro"]) for r in news.context["news_rows"]] == [
        ("<mark>Na</mark>", "Na")
    ]
    for response in (products, news):
        html = response.content.decode()
        assert "onerror" not in html
        assert "<script>alert" not in html
        assert "javascript:alert" not in html
