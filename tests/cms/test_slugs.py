"""Pages saved without a slug get one folded from their Vietnamese title."""

import pytest

from cms.models import ArticlePage

from .conftest import article

pytestmark = pytest.mark.django_db

TITLE = "Liên minh HTX tỉnh đôn đốc thực hiện biên bản thỏa thuận kiểm thử"


def test_a_page_saved_without_a_slug_gets_one_from_its_title(news_site):
    page = article(news_site.news, 7, title=TITLE, slug="")

    assert ArticlePage.objects.get(pk=page.pk).slug == (
        "lien-minh-htx-tinh-don-doc-thuc-hien-bien-ban-thoa-thuan-kiem-thu"
    )


def test_a_second_page_with_the_same_title_gets_a_free_slug(news_site):
    article(news_site.news, 7, title=TITLE, slug="")
    second = article(news_site.news, 8, title=TITLE, slug="")

    assert second.slug == (
        "lien-minh-htx-tinh-don-doc-thuc-hien-bien-ban-thoa-thuan-kiem-thu-2"
    )


def test_a_slug_the_editor_typed_is_kept(news_site):
    page = article(news_site.news, 7, title=TITLE, slug="don-doc")

    assert page.slug == "don-doc"


def test_the_admin_slug_field_folds_vietnamese_before_wagtail_does(
    admin_client, news_site
):
    response = admin_client.get(f"/cms/pages/add/cms/articlepage/{news_site.news.pk}/")

    html = response.content.decode()
    assert 'name="slug"' in html
    assert "data-w-slug-formatters-value=" in html
    assert "\\u0111" in html  # đ is among the letters folded first
