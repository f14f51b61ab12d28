"""In real Chromium: an editor writes an article with an image (its slug written
as the Vietnamese title is typed) and submits it;
a moderator approves it; it appears on the home page and in the feed."""

import re

import pytest
from playwright.sync_api import expect

from cms.models import ArticlePage, NewsIndexPage
from marketplace.demo.loader import demo_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = "Hợp tác xã Đồng Bành ký thêm hợp đồng tiêu thụ na"
SLUG = "hop-tac-xa-dong-banh-ky-them-hop-dong-tieu-thu-na"


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


def _log_in(page, base, username, password):
    page.context.clear_cookies()
    page.goto(base + "/cms/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/cms/$"))


def _click(page, selector):
    """Click an action of the editor's footer menu, folded away in a dropdown."""
    page.locator(selector).first.wait_for(state="attached")
    page.evaluate("selector => document.querySelector(selector).click()", selector)


def test_article_goes_from_editor_to_moderator_to_readers(page, demo_site):
    news = NewsIndexPage.objects.get()

    # The editor writes the article, with a feature image, and submits it.
    _log_in(page, demo_site, "editor", "editor-demo-2024")
    page.goto(f"{demo_site}/cms/pages/add/cms/articlepage/{news.pk}/")
    page.locator("#id_title").press_sequentially(TITLE)
    # Wagtail writes the slug as the title is typed, every Vietnamese letter kept.
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.fill("#id_date", "2024-09-02")
    page.keyboard.press("Escape")
    page.fill("#id_author", "Phóng viên")
    page.fill("#id_intro", "Thêm 12 tấn na được bao tiêu.")
    page.locator("#id_image-chooser [data-chooser-action-choose]").first.click()
    page.locator(".modal [data-chooser-modal-choice]").first.click()
    expect(page.locator("#id_image-chooser")).not_to_have_class(re.compile("blank"))
    _click(page, "button[name='action-submit']")
    expect(page).to_have_url(re.compile(rf"/cms/pages/{news.pk}/$"))

    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.slug == SLUG
    assert article.image is not None
    assert article.current_workflow_state is not None
    page.goto(demo_site + "/")
    expect(page.locator("main")).not_to_contain_text(TITLE)

    # The moderator approves it from the editing page.
    _log_in(page, demo_site, "moderator", "moderator-demo-2024")
    page.goto(f"{demo_site}/cms/pages/{article.pk}/edit/")
    _click(page, "button[data-workflow-action-name='approve']")
    expect(page).to_have_url(re.compile(r"/cms/"))
    page.wait_for_load_state("networkidle")

    article.refresh_from_db()
    assert article.live

    # Readers see it on the home page and in the feed.
    page.context.clear_cookies()
    page.goto(demo_site + "/")
    expect(page.locator("main")).to_contain_text(TITLE)
    feed = page.request.get(demo_site + "/feeds/news.rss").text()
    assert f"<title>{TITLE}</title>" in feed
