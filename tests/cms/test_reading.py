"""What readers get: feeds, sitemap, robots.txt, archives, SEO, documents."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from cms.models import AnnouncementPage, ReportPage

from .conftest import add_page, article

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def mixed_news(news_site):
    """Live articles in two categories, plus a draft and an unpublished one."""
    article(news_site.news, 2, title="Chính sách mới", category="policy")
    article(news_site.news, 3, title="Bản nháp", publish=False)
    gone = article(news_site.news, 4, title="Đã gỡ xuống")
    gone.unpublish()
    return news_site


def _rss_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    return [item.findtext("title") for item in root.iter("item")]


def test_rss_feed_lists_live_articles_only(client, mixed_news):
    assert _rss_titles(client, "/feeds/news.rss") == ["Chính sách mới", "Bài viết số 1"]


def test_atom_feed_is_valid_and_lists_live_articles_only(client, mixed_news):
    response = client.get("/feeds/news.atom")

    root = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert root.tag == f"{ATOM}feed"
    assert titles == ["Chính sách mới", "Bài viết số 1"]
    link = next(root.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert link.endswith("/tin-tuc/bai-viet-2/")


def test_category_feed_lists_only_its_category(client, mixed_news):
    assert _rss_titles(client, "/feeds/news/chinh-sach.rss") == ["Chính sách mới"]
    assert client.get("/feeds/news/khong-co.rss").status_code == 404


def test_sitemap_is_valid_xml_listing_live_pages_only(client, mixed_news):
    response = client.get("/sitemap.xml")

    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    assert any(loc.endswith("/tin-tuc/bai-viet-2/") for loc in locations)
    assert any(loc.endswith("/van-ban/thong-bao/") for loc in locations)
    assert not any("bai-viet-3" in loc or "bai-viet-4" in loc for loc in locations)


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /cms/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_category_archive_lists_only_its_category(client, mixed_news):
    html = client.get("/tin-tuc/chuyen-muc/chinh-sach/").content.decode()

    assert "Chính sách mới" in html
    assert "Bài viết số 1" not in html


def test_tag_archive_lists_only_tagged_articles(client, news_site):
    tagged = article(news_site.news, 5, title="Tin OCOP")
    tagged.tags.add("OCOP")
    tagged.save_revision().publish()

    html = client.get("/tin-tuc/the/ocop/").content.decode()

    assert "Tin OCOP" in html
    assert "Bài viết số 1" not in html
    assert client.get("/tin-tuc/the/khong-co/").status_code == 404


def test_news_index_is_paginated(client, news_site):
    for n in range(2, 15):
        article(news_site.news, n)

    first = client.get("/tin-tuc/").content.decode()
    second = client.get("/tin-tuc/?page=2").content.decode()

    assert "Bài viết số 14" in first and "Bài viết số 1<" not in first
    assert "Bài viết số 2<" in second and "Trang 2/2" in second
    assert client.get("/tin-tuc/?page=3").status_code == 404


def test_article_has_seo_title_description_and_open_graph(client, news_site):
    page = news_site.article
    page.seo_title = "Tiêu đề SEO"
    page.search_description = "Mô tả cho công cụ tìm kiếm"
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "<title>Tiêu đề SEO · HTX Connect</title>" in html
    assert '<meta name="description" content="Mô tả cho công cụ tìm kiếm">' in html
    assert '<meta property="og:title" content="Tiêu đề SEO">' in html
    assert '<meta property="og:type" content="article">' in html


def test_breadcrumbs_lead_back_to_home(client, news_site):
    html = client.get(news_site.article.url).content.decode()

    assert '<nav class="breadcrumbs"' in html
    assert f'href="{news_site.home.url}"' in html
    assert f'href="{news_site.news.url}"' in html


def test_announcement_shows_number_signer_recipients_and_print(client, news_site):
    html = client.get(news_site.announcement.url).content.decode()

    assert "222/TB-UBND" in html
    assert "Dương Văn Chiêu" in html
    assert "<li>Như trên</li>" in html
    # The print button works through js/behaviours.js (the CSP blocks onclick).
    assert "data-print" in html
    assert "js/behaviours.js" in html


def test_document_number_reused_by_the_same_body_is_refused(news_site):
    copy = AnnouncementPage(
        title="Bản sao",
        slug="ban-sao",
        document_number="222/tb-ubnd",
        issuing_body="UBND tỉnh Lạng Sơn",
        date=datetime.date(2024, 5, 1),
    )

    with pytest.raises(ValidationError, match="đã có văn bản số 222/tb-ubnd"):
        copy.full_clean()


def test_report_number_clashing_with_an_announcement_is_refused(news_site):
    clash = ReportPage(
        title="Báo cáo trùng số",
        slug="trung-so",
        document_number="222/TB-UBND",
        issuing_body="UBND tỉnh Lạng Sơn",
        date=datetime.date(2024, 5, 1),
    )

    with pytest.raises(ValidationError, match="Thông báo kết luận"):
        clash.full_clean()


@pytest.mark.parametrize(
    "number, body",
    [
        ("222/TB-UBND", "Văn phòng UBND tỉnh"),  # another issuing body
        ("/TB-UBND", "UBND tỉnh Lạng Sơn"),  # printed without its serial
    ],
)
def test_document_numbers_that_do_not_clash_are_accepted(news_site, number, body):
    page = AnnouncementPage(
        title="Văn bản khác",
        slug="van-ban-khac",
        document_number=number,
        issuing_body=body,
        date=datetime.date(2024, 5, 1),
    )
    add_page(news_site.documents, page)

    page.full_clean()


def test_admin_shows_the_document_number_error(admin_client, news_site):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    url = reverse(
        "wagtailadmin_pages:add",
        args=["cms", "announcementpage", news_site.documents.pk],
    )
    data = nested_form_data(
        {
            "title": "Bản sao",
            "slug": "ban-sao",
            "kind": "notice",
            "document_number": "222/TB-UBND",
            "issuing_body": "UBND tỉnh Lạng Sơn",
            "date": "2024-05-01",
            "attachments": inline_formset([]),
        }
    )

    response = admin_client.post(url, {**data, "action-draft": "1"})

    assert response.status_code == 200
    assert "đã có văn bản số 222/TB-UBND" in response.content.decode()
    assert not AnnouncementPage.objects.filter(slug="ban-sao").exists()


def test_conference_page_shows_the_registers_outcome(client, news_site):
    from agreements.models import Conference

    conference = Conference.objects.create(
        name="Hội nghị kết nối 2024",
        slug="hoi-nghi-2024",
        start_date=datetime.date(2024, 4, 25),
    )
    page = news_site.conference
    page.conference = conference
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    home = client.get("/").content.decode()

    assert '<dl class="outcome">' in html
    assert "<dt>Số biên bản thỏa thuận</dt><dd>0</dd>" in html
    assert "<dt>Số biên bản thỏa thuận</dt><dd>0</dd>" in home
