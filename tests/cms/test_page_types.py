"""Every page type: where it may be created, and that it renders."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

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

#: Each page type and the only parents it may have.
ALLOWED_PARENTS = {
    HomePage: {Page},
    NewsIndexPage: {HomePage},
    ArticlePage: {NewsIndexPage},
    AnnouncementIndexPage: {HomePage},
    AnnouncementPage: {AnnouncementIndexPage},
    ReportIndexPage: {HomePage},
    ReportPage: {ReportIndexPage},
    ConferenceIndexPage: {HomePage},
    ConferencePage: {ConferenceIndexPage},
    StandardPage: {HomePage, StandardPage},
}
ALL_TYPES = [Page, *ALLOWED_PARENTS]


class _Asserts(WagtailPageTestCase):
    """WagtailPageTestCase's assertions, for flat pytest functions."""

    def runTest(self):  # pragma: no cover - never run as a test itself
        pass


@pytest.fixture
def wagtail_asserts(client):
    asserts = _Asserts()
    asserts.client = client
    return asserts


@pytest.mark.parametrize("child", list(ALLOWED_PARENTS), ids=lambda m: m.__name__)
def test_page_type_can_be_created_only_under_its_parents(child, wagtail_asserts):
    allowed = ALLOWED_PARENTS[child]
    for parent in ALL_TYPES:
        if parent in allowed and not (parent is Page and child is not HomePage):
            wagtail_asserts.assertCanCreateAt(parent, child)
        else:
            wagtail_asserts.assertCanNotCreateAt(parent, child)


def test_section_pages_allow_only_their_detail_pages(wagtail_asserts):
    wagtail_asserts.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
    wagtail_asserts.assertAllowedSubpageTypes(AnnouncementIndexPage, {AnnouncementPage})
    wagtail_asserts.assertAllowedSubpageTypes(ReportIndexPage, {ReportPage})
    wagtail_asserts.assertAllowedSubpageTypes(ConferenceIndexPage, {ConferencePage})
    wagtail_asserts.assertAllowedSubpageTypes(ArticlePage, set())


@pytest.mark.parametrize(
    "attribute",
    [
        "home",
        "news",
        "article",
        "documents",
        "announcement",
        "reports",
        "report",
        "conferences",
        "conference",
        "about",
    ],
)
def test_every_page_type_is_renderable(attribute, news_site, wagtail_asserts):
    wagtail_asserts.assertPageIsRenderable(getattr(news_site, attribute))


def test_news_archives_are_renderable(news_site, wagtail_asserts):
    wagtail_asserts.assertPageIsRenderable(
        news_site.news, route_path="/chuyen-muc/tin-hoat-dong/"
    )
    news_site.article.tags.add("OCOP")
    news_site.article.save_revision().publish()
    wagtail_asserts.assertPageIsRenderable(news_site.news, route_path="/the/ocop/")
