"""The search page's filter panel: real inputs, chips, clear all, pages."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from catalog.catalogue.search_views import ProductSearchView
from tests.factories.cooperatives import VINH_LONG

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _get(client, query: str):
    return client.get(
        reverse("product-search") + "?" + query, HTTP_ACCEPT_LANGUAGE="en"
    )


def _ids(response) -> set[int]:
    return {product.pk for product, _ in response.context["rows"]}


def test_text_and_province_show_only_that_provinces_matches(client, market):
    # Given honey in Lạng Sơn and "Mật hoa dừa" in Vĩnh Long
    # When a buyer searches "mat" in Vĩnh Long only
    response = _get(client, f"q=mat&province={VINH_LONG}")

    # Then only the Vĩnh Long product is shown
    assert _ids(response) == {market["coconut"].pk}
    assert response.context["results"].total == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=trai-cay", {"pomelo"}),
        ("cooperative=htx-quoi-son", {"pomelo", "coconut"}),
        (
            "cooperative=htx-quoi-son&cooperative=htx-quang-lac&stars=4",
            {"honey4", "pomelo"},
        ),
        ("price=100k-200k", {"coconut"}),
        ("stars=4&stars=9", {"honey4", "pomelo"}),
    ],
)
def test_each_filter_in_the_query_string_narrows_the_page(
    client, market, query, expected
):
    response = _get(client, query)

    assert _ids(response) == {market[name].pk for name in expected}


def _inputs(html: str) -> list[str]:
    return re.findall(r"<input [^>]*>", html)


def test_filter_panel_is_a_form_of_labelled_checkboxes_ticked_from_the_query(
    client, market, english
):
    response = _get(client, f"q=mat&province={VINH_LONG}")

    html = response.content.decode()
    assert '<form id="search-filters" class="search-page__filters" method="get"' in html
    assert '<legend class="search-facet__legend">Province</legend>' in html
    ticked = [i for i in _inputs(html) if 'name="province"' in i]
    assert ticked == [
        '<input type="checkbox" name="province" value="20" id="filter-province-20">',
        f'<input type="checkbox" name="province" value="{VINH_LONG}" '
        f'id="filter-province-{VINH_LONG}" checked>',
    ]
    # Each input has its label, with the count the filter gives.
    assert re.search(
        rf'<label for="filter-province-{VINH_LONG}">Vĩnh Long '
        r'<span class="search-facet__count">\(1\)</span></label>',
        html,
    )
    assert '<label for="filter-province-20">Lạng Sơn ' in html


def test_price_is_one_choice_with_any_price_first(client, market, english):
    response = _get(client, "price=200k-500k")

    html = response.content.decode()
    radios = [i for i in _inputs(html) if 'name="price"' in i]
    assert (
        radios[0] == '<input type="radio" name="price" value="" id="filter-price-any">'
    )
    assert (
        '<input type="radio" name="price" value="200k-500k" '
        'id="filter-price-200k-500k" checked>'
    ) in radios
    # A band with nothing in it cannot be chosen.
    assert (
        '<input type="radio" name="price" value="500k-plus" '
        'id="filter-price-500k-plus" disabled>'
    ) in radios


def test_text_and_sort_belong_to_the_filter_form(client, market):
    html = _get(client, "q=mat&stars=4").content.decode()

    form = html[html.index('<form id="search-filters"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="q" value="mat">' in form
    assert re.search(
        r'<select id="id_search_sort" name="sort"[^>]* form="search-filters"', html
    )


def test_each_chip_removes_its_filter_and_keeps_the_rest(client, market, english):
    # Given a search with a province and a star rating chosen
    response = _get(client, f"q=mat&province={VINH_LONG}&stars=4&page=1")

    # Then each shows as a chip that removes only itself
    chips = {c["label"]: c["url"] for c in response.context["chips"]}
    assert chips == {
        # The page cache gives the view its parameters in one (sorted) order.
        "OCOP stars: 4 stars": f"?province={VINH_LONG}&q=mat",
        "Province: Vĩnh Long": "?q=mat&stars=4",
    }
    html = response.content.decode()
    assert (
        '<a class="search-chip" href="?q=mat&amp;stars=4" rel="nofollow">'
        "Province: Vĩnh Long"
    ) in html
    # And "Clear all" keeps the text only
    assert response.context["clear_url"] == "?q=mat"
    assert 'href="?q=mat" rel="nofollow">Clear all</a>' in html


def test_a_chosen_value_matching_nothing_stays_ticked_and_removable(
    client, market, english
):
    # Given a buyer chose a category, then typed text it has nothing for
    response = _get(client, "q=buoi&category=mat-ong")

    # Then nothing is found, and the category is still there to untick
    assert response.context["results"].total == 0
    html = response.content.decode()
    assert (
        '<input type="checkbox" name="category" value="mat-ong" '
        'id="filter-category-mat-ong" checked>'
    ) in html
    assert [c["label"] for c in response.context["chips"]] == ["Category: Mật ong"]


def test_no_filter_no_chips(client, market):
    response = _get(client, "q=mat")

    assert response.context["chips"] == []
    assert "search-chip" not in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Page 1 of 2"), ("vi", "Trang 1/2")]
)
def test_pagination_reads_in_the_buyers_language(
    client, market, monkeypatch, settings, language, text
):
    settings.LANGUAGE_CODE = language
    monkeypatch.setattr(ProductSearchView, "per_page", 2)

    response = client.get(
        reverse("product-search"),
        {"q": "mat", "stars": ""},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    html = response.content.decode()
    assert text in html
    # An empty parameter is dropped before the view runs (page cache).
    assert 'href="?q=mat&amp;page=2"' in html
