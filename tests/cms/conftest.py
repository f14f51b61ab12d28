"""A small news site for the cms tests: home, sections, one page of each kind."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from wagtail.models import Page

from cms.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ArticlePage,
    ConferenceIndexPage,
    ConferencePage,
    HomePage,
    NewsIndexPage,
    ReportIndexPage,
    ReportPage,
    StandardPage,
)
from marketplace.sites import sites_configure


def add_page(parent, page, *, publish=True):
    """Add ``page`` under ``parent``; publish it, or keep it a draft."""
    page.live = publish
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def article(news, n: int = 1, *, publish=True, **fields):
    """Add an article (``n`` makes its title, slug and date distinct)."""
    defaults = dict(
        title=f"Bài viết số {n}",
        slug=f"bai-viet-{n}",
        date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        intro=f"Tóm tắt bài {n}",
        author="Ban biên tập",
        category="news",
        body=json.dumps([{"type": "paragraph", "value": f"<p>Nội dung {n}</p>"}]),
    )
    defaults.update(fields)
    return add_page(news, ArticlePage(**defaults), publish=publish)


@pytest.fixture
def news_site(db):
    """Return a published tree: home, every section, one page of each kind."""
    cache.clear()
    root = Page.get_first_root_node()
    home = add_page(root, HomePage(title="Liên minh HTX tỉnh", slug="trang-chu"))
    sites_configure(root_page=home)
    Page.objects.child_of(root).exclude(pk=home.pk).delete()
    site = SimpleNamespace(home=home)
    site.news = add_page(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    site.documents = add_page(
        home, AnnouncementIndexPage(title="Văn bản", slug="van-ban")
    )
    site.reports = add_page(home, ReportIndexPage(title="Báo cáo", slug="bao-cao"))
    site.conferences = add_page(
        home, ConferenceIndexPage(title="Hội nghị", slug="hoi-nghi")
    )
    site.about = add_page(home, StandardPage(title="Giới thiệu", slug="gioi-thieu"))
    site.article = article(site.news, 1)
    site.announcement = add_page(
        site.documents,
        AnnouncementPage(
            title="Thông báo kết luận",
            slug="thong-bao",
            kind="notice",
            document_number="222/TB-UBND",
            issuing_body="UBND tỉnh Lạng Sơn",
            date=datetime.date(2024, 4, 30),
            signer="Dương Văn Chiêu",
            recipients="- Như trên;\n- Lưu: VT.",
        ),
    )
    site.report = add_page(
        site.reports,
        ReportPage(
            title="Báo cáo sơ kết 6 tháng",
            slug="bao-cao-6-thang",
            document_number="45/BC-LMHTX",
            issuing_body="Liên minh Hợp tác xã tỉnh Lạng Sơn",
            date=datetime.date(2023, 7, 7),
            signer="Liễu Xuân Du",
        ),
    )
    site.conference = add_page(
        site.conferences,
        ConferencePage(
            title="Hội nghị kết nối 2024",
            slug="ket-noi-2024",
            start_date=datetime.date(2024, 4, 25),
            place="Lạng Sơn",
        ),
    )
    return site


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached page (the cache outlives transactions)."""
    cache.clear()
    yield
    cache.clear()
