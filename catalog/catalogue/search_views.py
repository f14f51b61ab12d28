"""The search page's products tab and the type-ahead, over marketplace.search.

The catalogue registers its tab with search's results page (``register``,
from the app's ready()): the page's one URL opens it by default, and counts
its products beside the other tabs' labels while another tab is open.
"""

from dataclasses import replace

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, JsonResponse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from marketplace.core.html import html_highlight_clean
from marketplace.search.query import PRICE_RANGES_BY_KEY, SORTS, ProductQuery
from marketplace.search.service import product_search, product_suggest
from marketplace.search.tabs import (
    result_tab_choices,
    result_tab_links,
    result_tab_register,
)

from .selectors import OCOP_STARS, product_list_browsable

#: The products tab's key in the search page's ``?tab=``.
PRODUCTS_TAB = "products"


class FacetKeysField(forms.MultipleChoiceField):
    """Keys of a facet whose values are not known up front (provinces, slugs).

    Any key is accepted; a key no product has simply matches nothing. Keys
    that cannot be one (too long, not a number where one is needed) are
    dropped rather than failing the search.
    """

    def __init__(self, *, numeric: bool = False, allowed=None, **kwargs):
        self.numeric = numeric
        self.allowed = allowed
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        keys = [str(v).strip() for v in super().to_python(value)]
        if self.numeric:
            numbers = [int(k) for k in keys if k.isdigit() and len(k) <= 9]
            if self.allowed is not None:
                numbers = [n for n in numbers if n in self.allowed]
            return list(dict.fromkeys(numbers))
        return list(dict.fromkeys(k for k in keys if k and len(k) <= 255))

    def validate(self, value):
        # Not a choice among known values: see the class docstring.
        pass


class ProductSearchForm(forms.Form):
    """The query string of the search page; values that make no sense are dropped."""

    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    stars = FacetKeysField(numeric=True, allowed=OCOP_STARS)
    province = FacetKeysField(numeric=True)
    category = FacetKeysField()
    cooperative = FacetKeysField()
    price = forms.ChoiceField(
        required=False, choices=[("", "")] + [(k, k) for k in PRICE_RANGES_BY_KEY]
    )
    sort = forms.ChoiceField(required=False, choices=list(SORTS.items()))
    page = forms.IntegerField(required=False, min_value=1)
    #: The tab open: read by search's page, listed here as a parameter of
    #: the search URL (the page cache keeps only the form's fields).
    tab = forms.ChoiceField(required=False, choices=result_tab_choices)

    def to_query(self, *, per_page: int) -> ProductQuery:
        data = self.cleaned_data
        return ProductQuery(
            text=data.get("q") or "",
            stars=tuple(data.get("stars") or ()),
            province_codes=tuple(data.get("province") or ()),
            category_slugs=tuple(data.get("category") or ()),
            cooperative_slugs=tuple(data.get("cooperative") or ()),
            price_range=data.get("price") or "",
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            per_page=per_page,
        )


def _highlight(text: str) -> SafeString:
    """Return a backend's highlight safe to show: only <mark> tags survive."""
    return mark_safe(html_highlight_clean(text))  # noqa: S308  (cleaned)


def _search_form(request: HttpRequest) -> ProductSearchForm:
    """Return the bound form, its invalid values dropped.

    Invalid values (a letter for a page, an unknown band) are dropped field
    by field rather than failing the whole search.
    """
    form = ProductSearchForm(request.GET)
    form.is_valid()
    for field in list(form.errors):
        form.cleaned_data.pop(field, None)
    return form


class ProductSearchView(TemplateView):
    """Search and browse products: full text, facets, sorts, highlights, pages."""

    template_name = "oscar/catalogue/search_results.html"
    per_page = 24

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = _search_form(self.request)
        query = form.to_query(per_page=self.per_page)
        results = product_search(query)
        products = {
            p.pk: p
            for p in product_list_browsable().filter(
                pk__in=[h.product_id for h in results.hits]
            )
        }
        rows = [
            (products[h.product_id], _highlight(h.highlighted_title))
            for h in results.hits
            if h.product_id in products
        ]
        paginator = Paginator(range(results.total), self.per_page)
        page = Page(rows, query.page, paginator) if results.total else None
        groups = _facet_groups(self.request, results.facets)
        context.update(
            facet_groups=groups,
            chips=_chips(self.request, groups),
            clear_url=_clear_url(self.request),
            form=form,
            query=query,
            results=results,
            rows=rows,
            # The cards are rendered as one list (product_cards): one cache
            # read, one thumbnail query.
            row_products=[product for product, _title in rows],
            row_titles=[title for _product, title in rows],
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            tab=PRODUCTS_TAB,
            tabs=result_tab_links(
                self.request, active=PRODUCTS_TAB, count=results.total
            ),
            sort_options=list(SORTS.items()),
            summary=search_page_summary(query.text),
        )
        return context


def search_page_summary(text: str) -> str:
    """Return the search page's heading, whichever tab is open."""
    return _("Results for “%(q)s”") % {"q": text} if text else str(_("All products"))


def product_result_count(request: HttpRequest) -> int:
    """Return how many products the search in ``request`` finds, filters applied.

    The products tab's count while another tab is open: the page parameter
    is that tab's, so the products are counted as on their first page.
    """
    query = _search_form(request).to_query(per_page=ProductSearchView.per_page)
    return product_search(replace(query, page=1)).total


def register() -> None:
    """Register the products tab with search's results page (from ready())."""
    result_tab_register(
        key=PRODUCTS_TAB,
        label=_("Products"),
        order=10,
        count=product_result_count,
        view=ProductSearchView.as_view(),
    )


#: The filter panel's facets, in the order shown: name -> legend. The
#: facet's name is also its query-string parameter.
FACET_TITLES = {
    "category": _("Category"),
    "price": _("Price"),
    "stars": _("OCOP stars"),
    "province": _("Province"),
    "cooperative": _("Cooperative"),
}
#: Parameters "Clear all" keeps: the text, the sort and the tab (the page
#: goes, since the results change).
KEPT_PARAMS = ("q", "sort", "tab")


def _url(params) -> str:
    """Return ``?params``, without the empty values a form submits (price=)."""
    params = params.copy()
    for name, values in list(params.lists()):
        params.setlist(name, [v for v in values if v])
    return "?" + params.urlencode()


def _facet_groups(request: HttpRequest, facets: dict) -> list[dict]:
    """Return each facet shown: its values as form inputs, and per value the
    URL that removes it (for the chips).

    Price is one choice among bands (radios, "any price" first); every other
    facet takes several values (checkboxes).
    """
    groups = []
    for name, title in FACET_TITLES.items():
        values = []
        for value in facets.get(name, []):
            params = request.GET.copy()
            params.pop("page", None)
            params.setlist(name, [v for v in params.getlist(name) if v != value.key])
            values.append(
                {
                    "value": value,
                    # From the key, not the position: the script puts focus
                    # back on the same value after the page reloads.
                    "id": f"filter-{name}-{slugify(value.key) or len(values)}",
                    "remove_url": _url(params),
                }
            )
        if any(v["value"].count or v["value"].selected for v in values):
            groups.append(
                {
                    "name": name,
                    "title": title,
                    "values": values,
                    "multiple": name != "price",
                    "any_selected": any(v["value"].selected for v in values),
                }
            )
    return groups


def _chips(request: HttpRequest, groups: list[dict]) -> list[dict]:
    """Return the applied filters, each with the URL that removes only it."""
    return [
        {
            "label": _("%(facet)s: %(value)s")
            % {"facet": group["title"], "value": item["value"].label},
            "url": item["remove_url"],
        }
        for group in groups
        for item in group["values"]
        if item["value"].selected
    ]


def _clear_url(request: HttpRequest) -> str:
    """Return the URL without any filter: the text, sort and tab stay."""
    params = request.GET.copy()
    for name in list(params):
        if name not in KEPT_PARAMS:
            del params[name]
    return _url(params)


def product_suggestions(request: HttpRequest) -> JsonResponse:
    """Return type-ahead suggestions as JSON, after two characters."""
    text = request.GET.get("q", "")[:100]
    suggestions = product_suggest(text)
    products = {
        p.pk: p
        for p in product_list_browsable().filter(pk__in=[pk for pk, _ in suggestions])
    }
    return JsonResponse(
        {
            "suggestions": [
                {"title": title, "url": products[pk].get_absolute_url()}
                for pk, title in suggestions
                if pk in products
            ]
        }
    )
