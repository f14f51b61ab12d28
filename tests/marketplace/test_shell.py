"""One shell for the portal and the store: header, main, assets, error pages, icons."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error
from PIL import Image

from tests.cms.conftest import news_site  # noqa: F401  (the portal's pages)
from tests.factories.catalogue import category_create
from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = pytest.mark.django_db

#: Pages of every kind: the portal (Wagtail) and the store (Oscar, ours).
PAGES = [
    "home",
    "article",
    "catalogue",
    "search",
    "directory",
    "storefront",
    "product",
    "basket",
    "login",
]
#: The pages whose every template is the shell's: exactly one stylesheet.
SHELL_PAGES = ["home", "article", "catalogue", "directory", "storefront", "login"]
#: What Oscar's own layout brought and the shell no longer sends.
OSCAR_LAYOUT_LEFTOVERS = [
    "oscar/css/styles.css",
    "font-awesome",
    "fontawesome",
    "bootstrap.bundle",
    'id="top_page"',
    'class="header container"',
    "navbar-dark",
    "Toggle navigation",
    'aria-label="breadcrumb"',
]
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


@pytest.fixture
def urls(news_site):  # noqa: F811
    cooperative = cooperative_create()
    product = listed_product_create(cooperative=cooperative, title="Mật ong hoa nhãn")
    return {
        "home": "/",
        "article": news_site.article.url,
        "catalogue": reverse("catalogue:index"),
        "search": reverse("product-search") + "?q=mat",
        "directory": reverse("cooperatives:directory"),
        "storefront": cooperative.get_absolute_url(),
        "product": product.get_absolute_url(),
        "basket": reverse("basket:summary"),
        "login": reverse("customer:login"),
    }


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_one_header_one_main_and_one_footer(client, urls, name):
    html = _html(client, urls[name])

    assert html.count('<header class="site-header">') == 1
    assert html.count('id="main"') == 1
    assert html.count('<a class="skip-link" href="#main">') == 1
    assert html.count('<footer class="site-footer">') == 1
    assert html.count('aria-label="Điều hướng chính"') == 1


@pytest.mark.parametrize("name", PAGES)
def test_no_page_carries_oscars_header_browse_bar_or_assets(client, urls, name):
    html = _html(client, urls[name])

    assert [left for left in OSCAR_LAYOUT_LEFTOVERS if left in html] == []


@pytest.mark.parametrize("name", SHELL_PAGES)
def test_shell_pages_load_one_stylesheet_and_no_script_library(client, urls, name):
    html = _html(client, urls[name])
    head = html.split("</head>")[0]

    assert STYLESHEET.findall(html) == ["/static/css/site.css"]
    assert "jquery" not in html.lower()
    assert all(" defer" in tag for tag in re.findall(r"<script src=[^>]+>", head))


def test_basket_loads_jquery_deferred_at_the_end_of_the_body(client, urls):
    html = _html(client, urls["basket"])
    head, body = html.split("</head>")

    assert "jquery" not in head
    assert '<script src="/static/oscar/js/jquery/jquery.min.js" defer></script>' in body


@pytest.mark.parametrize("name", ["home", "catalogue", "storefront"])
def test_header_search_is_a_plain_get_form_to_the_product_search(client, urls, name):
    html = _html(client, urls[name])

    form = re.search(r'<form class="site-search" method="get" action="([^"]+)"', html)
    assert form.group(1) == reverse("product-search")
    assert 'name="q" id="site-search-q"' in html
    assert f'data-suggest-url="{reverse("product-suggestions")}"' in html


def test_header_shows_how_many_items_the_basket_holds(client, urls):
    product = listed_product_create(
        cooperative=cooperative_create(name="HTX Khác"), title="Bưởi"
    )
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})

    html = _html(client, urls["catalogue"])

    assert re.search(r'<span class="site-basket__count">3<span class="sr-only">', html)


def test_cached_portal_pages_show_each_reader_their_own_basket_count(client, urls):
    product = listed_product_create(
        cooperative=cooperative_create(name="HTX Khác"), title="Bưởi"
    )
    _html(Client(), "/")  # stored by another reader, without a basket
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})

    mine = client.get("/")
    another = Client().get("/")

    assert mine["X-Page-Cache"] == "hit"
    assert re.search(r'<span class="site-basket__count">3<', mine.content.decode())
    assert "site-basket__count" not in another.content.decode()


def test_oscars_breadcrumb_landmark_is_labelled_in_the_pages_language(client, urls):
    html = _html(client, urls["login"])

    assert 'aria-label="breadcrumb"' not in html
    assert '<nav class="breadcrumbs" aria-label="Đường dẫn">' in html


def test_catalogue_categories_are_chips_with_the_current_one_marked(client, urls):
    fruit = category_create(name="Trái cây", slug="trai-cay")

    index = _html(client, urls["catalogue"])
    in_fruit = _html(client, fruit.get_absolute_url())

    assert '<nav class="chips" aria-label="' in index
    assert f'<a class="chip" href="{urls["catalogue"]}" aria-current="page">' in index
    assert f'<a class="chip" href="{fruit.get_absolute_url()}">Trái cây</a>' in index
    assert (
        f'<a class="chip" href="{fruit.get_absolute_url()}" aria-current="page">'
        in in_fruit
    )


def test_catalogue_has_one_h1_and_its_card_titles_follow_an_h2(client, urls):
    html = _html(client, urls["catalogue"])

    headings = re.findall(r"<h([1-6])", html)
    assert headings.count("1") == 1
    assert headings.index("2") < headings.index("3")


def test_unknown_url_answers_a_vietnamese_404_page_in_the_shell(client, settings):
    settings.DEBUG = False

    response = client.get("/khong-co-trang-nay/")

    html = response.content.decode()
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="vi">' in html
    assert '<header class="site-header">' in html
    assert 'id="main"' in html
    assert "<h1>Không tìm thấy trang</h1>" in html


def test_forbidden_page_answers_403_in_the_shell(client, settings):
    settings.DEBUG = False
    settings.LANGUAGE_CODE = "en"
    client.cookies["django_language"] = "en"

    response = client.get(reverse("cooperatives:moderation"))

    html = response.content.decode()
    assert response.status_code == 403
    assert '<header class="site-header">' in html
    assert "<h1>Access denied</h1>" in html
    assert f'href="{reverse("customer:login")}?next=' in html


def test_server_error_page_renders_without_a_request_or_a_query(
    django_assert_num_queries,
):
    request = RequestFactory().get("/")

    with translation.override("en"), django_assert_num_queries(0):
        response = server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert '<header class="site-header">' in html
    assert 'id="main"' in html
    assert "<h1>Something went wrong on our side</h1>" in html
    assert "csrfmiddlewaretoken" not in html


def test_csrf_failure_answers_the_shells_page(settings):
    settings.LANGUAGE_CODE = "en"
    buyer = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")

    response = buyer.post(reverse("customer:logout"))

    html = response.content.decode()
    assert response.status_code == 403
    assert '<header class="site-header">' in html
    assert "<h1>The form has expired</h1>" in html


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon-48.png"
    assert finders.find("img/favicon-48.png")


def test_both_shells_link_the_icons_manifest_and_theme_colour(client, urls):
    for name in ("home", "catalogue"):
        html = _html(client, urls[name])
        assert '<link rel="manifest" href="/static/site.webmanifest">' in html
        assert (
            '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">'
            in html
        )
        assert '<meta name="theme-color" content="#1b5e20">' in html


def test_manifest_names_the_site_and_its_icons_have_their_sizes():
    with open(finders.find("site.webmanifest"), encoding="utf-8") as manifest:
        data = json.load(manifest)

    assert data["name"] == "HTX Connect"
    sizes = {}
    for icon in data["icons"]:
        if icon["type"] == "image/png":
            with Image.open(finders.find(icon["src"])) as image:
                sizes[icon["src"]] = f"{image.width}x{image.height}"
            assert sizes[icon["src"]] == icon["sizes"]
    assert sizes == {"img/icon-192.png": "192x192", "img/icon-512.png": "512x512"}
    with Image.open(finders.find("img/apple-touch-icon.png")) as touch:
        assert touch.size == (180, 180)
