"""News on the search page: folded matching, publishing in step, the News tab."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.models import HomePage, NewsIndexPage
from marketplace.search.indexing import news_reindex
from marketplace.search.models import NewsSearchEntry
from marketplace.search.service import news_search
from marketplace.sites import sites_configure
from tests.cms.conftest import add_page, article

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(db):
    """Return a news section under a home page that is the site's root."""
    root = Page.get_first_root_node()
    home = add_page(root, HomePage(title="Liên minh HTX tỉnh", slug="trang-chu"))
    sites_configure(root_page=home)
    Page.objects.child_of(root).exclude(pk=home.pk).delete()
    return add_page(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))


def _publish(news, django_capture_on_commit_callbacks, n, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return article(news, n, **fields)


def test_unaccented_query_finds_the_accented_news_title(
    news, django_capture_on_commit_callbacks
):
    page = _publish(
        news,
        django_capture_on_commit_callbacks,
        1,
        title="Tin tức: Hội nghị kết nối cung cầu Đồng Đăng",
        intro="Các hợp tác xã ký 12 biên bản ghi nhớ.",
    )
    _publish(news, django_capture_on_commit_callbacks, 2, title="Lịch làm việc")

    results = news_search("tin tuc dong dang")

    assert results.total == 1
    hit = results.hits[0]
    assert hit.page_id == page.pk
    assert hit.url == page.get_url()
    assert hit.highlighted_title == (
        "<mark>Tin</mark> <mark>tức</mark>: Hội nghị kết nối cung cầu "
        "<mark>Đồng</mark> <mark>Đăng</mark>"
    )


def test_intro_and_body_text_match_too(news, django_capture_on_commit_callbacks):
    page = _publish(
        news,
        django_capture_on_commit_callbacks,
        1,
        title="Hội nghị tổng kết",
        intro="Thạch đen Tràng Định được vinh danh.",
    )

    hit = news_search("thach den").hits[0]

    assert hit.page_id == page.pk
    assert hit.highlighted_intro == (
        "<mark>Thạch</mark> <mark>đen</mark> Tràng Định được vinh danh."
    )
    assert [h.page_id for h in news_search("noi dung 1").hits] == [page.pk]


def test_a_draft_is_never_indexed(news, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = article(news, 1, title="Tin tức nháp", publish=False)

    news_reindex([draft.pk])

    assert news_search("tin tuc nhap").total == 0
    assert not NewsSearchEntry.objects.filter(pk=draft.pk).exists()


def test_unpublished_page_leaves_the_index_after_commit(
    news, django_capture_on_commit_callbacks
):
    page = _publish(news, django_capture_on_commit_callbacks, 1, title="Tin tức cũ")
    assert news_search("tin tuc cu").total == 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.unpublish()
        assert news_search("tin tuc cu").total == 1
    for callback in callbacks:
        callback()

    assert news_search("tin tuc cu").total == 0


def test_deleted_page_leaves_the_index(news, django_capture_on_commit_callbacks):
    page = _publish(news, django_capture_on_commit_callbacks, 1, title="Tin tức xoá")

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    assert news_search("tin tuc xoa").total == 0


def test_published_page_is_indexed_only_after_commit(
    news, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = article(news, 1, title="Tin tức mới")
        assert not NewsSearchEntry.objects.filter(pk=page.pk).exists()

    for callback in callbacks:
        callback()
    assert NewsSearchEntry.objects.get(pk=page.pk).title == "Tin tức mới"


def test_moved_page_is_indexed_at_its_new_url(news, django_capture_on_commit_callbacks):
    page = _publish(news, django_capture_on_commit_callbacks, 1, title="Tin tức dời")
    events = add_page(news.get_parent(), NewsIndexPage(title="Sự kiện", slug="su-kien"))

    with django_capture_on_commit_callbacks(execute=True):
        page.move(events, pos="last-child")

    page.refresh_from_db()
    assert "/su-kien/" in page.get_url()
    assert NewsSearchEntry.objects.get(pk=page.pk).url == page.get_url()


def test_renamed_section_reindexes_the_urls_below_it(
    news, django_capture_on_commit_callbacks
):
    page = _publish(news, django_capture_on_commit_callbacks, 1, title="Tin tức đổi")

    with django_capture_on_commit_callbacks(execute=True):
        news.slug = "tin-moi"
        news.save_revision().publish()

    page.refresh_from_db()
    assert "/tin-moi/" in page.get_url()
    assert NewsSearchEntry.objects.get(pk=page.pk).url == page.get_url()


def test_rebuild_command_indexes_news(news, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    page = article(news, 1, title="Tin tức hợp tác xã")  # no commit: not indexed
    assert news_search("hop tac xa").total == 0

    call_command("search_index", "--rebuild")

    assert [h.page_id for h in news_search("hop tac xa").hits] == [page.pk]


# The News tab ---------------------------------------------------------------


def test_news_tab_lists_highlighted_news_in_pages(
    client, news, django_capture_on_commit_callbacks
):
    for n in range(1, 13):
        _publish(news, django_capture_on_commit_callbacks, n, title=f"Tin tức số {n}")
    url = reverse("product-search")

    first = client.get(url, {"q": "tin tuc", "tab": "news"})
    second = client.get(url, {"q": "tin tuc", "tab": "news", "page": "2"})

    assert first.status_code == 200
    assert len(first.context["news_rows"]) == 10
    assert len(second.context["news_rows"]) == 2
    html = first.content.decode()
    # The newest first when the match is as good.
    assert "<mark>Tin</mark> <mark>tức</mark> số 12" in html
    assert "?q=tin+tuc&amp;tab=news&amp;page=2" in html
    tabs = {t["key"]: t["count"] for t in first.context["tabs"]}
    assert tabs == {"products": 0, "news": 12}


def test_news_tab_query_count_does_not_grow_with_results(
    client, news, django_capture_on_commit_callbacks, count_queries, no_page_cache
):
    url = reverse("product-search")
    _publish(news, django_capture_on_commit_callbacks, 1, title="Tin tức một")
    client.get(url, {"q": "tin tuc", "tab": "news"})
    response, few = count_queries(client.get, url, {"q": "tin tuc", "tab": "news"})
    assert len(response.context["news_rows"]) == 1
    for n in range(2, 9):
        _publish(news, django_capture_on_commit_callbacks, n, title=f"Tin tức {n}")
    response, many = count_queries(client.get, url, {"q": "tin tuc", "tab": "news"})
    assert len(response.context["news_rows"]) == 8

    assert few == many


def test_news_tab_escapes_titles(client, news, django_capture_on_commit_callbacks):
    _publish(news, django_capture_on_commit_callbacks, 1, title="Tin <b>nóng</b>")

    html = client.get(
        reverse("product-search"), {"q": "nong", "tab": "news"}
    ).content.decode()

    assert "Tin &lt;b&gt;<mark>nóng</mark>&lt;/b&gt;" in html


def test_news_dates_are_kept(news, django_capture_on_commit_callbacks):
    _publish(
        news,
        django_capture_on_commit_callbacks,
        1,
        title="Tin tức ngày",
        date=datetime.date(2024, 5, 17),
    )

    assert news_search("tin tuc ngay").hits[0].date == datetime.date(2024, 5, 17)
