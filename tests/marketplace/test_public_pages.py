"""Every public page answers 200 with the content a visitor expects."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from cms.models import AnnouncementPage, ArticlePage, NewsIndexPage

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def test_home_page_lists_latest_news_and_announcements(client, demo):
    html = _get(client, "/")
    assert "Liên minh Hợp tác xã tỉnh" in html
    assert "Hội nghị Ban Chấp hành Liên minh Hợp tác xã tỉnh Bến Tre" in html
    assert "538/UBND-KTTH" in html


def test_news_index_lists_its_articles(client, demo):
    news = NewsIndexPage.objects.get()
    html = _get(client, news.url)
    for article in ArticlePage.objects.live():
        assert article.title in html


def test_article_page_shows_title_date_and_body(client, demo):
    article = ArticlePage.objects.get(slug__startswith="hoi-nghi-ban-chap-hanh")
    html = _get(client, article.url)
    assert article.title in html
    assert "15/08/2023" in html
    assert "Thanh Bình" in html
    assert "100% ý kiến nhất trí" in html


def test_announcement_page_shows_number_date_signer_and_recipients(client, demo):
    letter = AnnouncementPage.objects.get(document_number="538/UBND-KTTH")
    html = _get(client, letter.url)
    assert "538/UBND-KTTH" in html
    assert "11/06/2019" in html
    assert "Hồ Tiến Thiệu" in html
    assert "Liên minh Hợp tác xã Việt Nam" in html


def test_catalogue_lists_public_products(client, demo):
    response = client.get(reverse("catalogue:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "42</strong> sản phẩm" in html
    shown = list(response.context["products"])
    assert len(shown) == 24
    for product in shown:
        assert product.get_absolute_url() in html


def test_category_page_lists_only_its_products(client, demo):
    fruit = Category.objects.get(slug="trai-cay")
    html = _get(client, fruit.get_absolute_url())
    assert "Bưởi da xanh Quới Sơn" in html
    assert "Kẹo dừa Bến Tre" not in html


def test_product_page_shows_title_price_and_add_to_basket(client, demo):
    product = Product.objects.get(title="Mật ong ngũ gia bì")
    html = _get(client, product.get_absolute_url())
    assert "Mật ong ngũ gia bì" in html
    assert "350.000\xa0₫" in html
    assert reverse("basket:add", kwargs={"pk": product.pk}) in html


def test_basket_page_answers(client, db):
    html = _get(client, reverse("basket:summary"))
    assert "Giỏ hàng" in html


def test_store_login_page_has_login_form(client, db):
    html = _get(client, reverse("customer:login"))
    assert 'name="login-username"' in html
    assert 'name="login-password"' in html


def test_cms_login_page_answers(client, db):
    html = _get(client, "/cms/login/")
    assert 'name="username"' in html
    assert 'name="password"' in html


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
