"""In real Chromium: the slug Wagtail writes as an editor types a Vietnamese
title keeps every letter (no dropped vowels, "đ" is "d")."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Page

from cms.models import HomePage, NewsIndexPage
from marketplace.core.text import VI_MARKED_LETTERS, slugify_vi
from marketplace.sites import sites_configure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def news_index(migrated_db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Liên minh HTX", slug="trang-chu"))
    sites_configure(root_page=home)
    news = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    get_user_model().objects.create_superuser(
        "slugs", "slugs@htx.local", "slugs-pass-2024"
    )
    return news


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Liên minh HTX tỉnh đôn đốc thực hiện biên bản thỏa thuận kiểm thử",
            "lien-minh-htx-tinh-don-doc-thuc-hien-bien-ban-thoa-thuan-kiem-thu",
        ),
        (
            # Every marked letter, lower and upper case, in groups of five.
            " ".join(
                (VI_MARKED_LETTERS + VI_MARKED_LETTERS.upper())[i : i + 5]
                for i in range(0, 2 * len(VI_MARKED_LETTERS), 5)
            ),
            None,
        ),
    ],
)
def test_the_slug_follows_a_vietnamese_title_as_the_editor_types(
    page, live_server, news_index, title, slug
):
    expected = slug or slugify_vi(title)
    page.goto(live_server.url + "/cms/login/")
    page.fill("input[name=username]", "slugs")
    page.fill("input[name=password]", "slugs-pass-2024")
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/cms/$"))

    page.goto(f"{live_server.url}/cms/pages/add/cms/articlepage/{news_index.pk}/")
    page.locator("#id_title").press_sequentially(title)

    expect(page.locator("#id_slug")).to_have_value(expected)
    assert expected.isascii() and "dj" not in expected
