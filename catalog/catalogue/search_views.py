"""The product search page and type-ahead, over marketplace.search's service."""

from dataclasses import replace

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, JsonResponse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from marketplace.html import html_highlight_clean
from marketplace.search.query import PRICE_RANGES_BY_KEY, SORTS, ProductQuery
from marketplace.search.service import news_search, product_search, product_suggest

from .selectors import product_list_browsable


class ProductSearchForm(forms.Form):
    """The query string of the search page; values that make no sense are dropped."""

    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    stars = forms.TypedMultipleChoiceField(
        required=False, coerce=int, choices=[(s, s) for s in (3, 4, 5)]
    )
    province = forms.TypedMultipleChoiceField(required=False, coerce=int, choices=[])
    category = forms.MultipleChoiceField(required=False, choices=[])
    cooperative = forms.MultipleChoiceField(required=False, choices=[])
    price = forms.ChoiceField(
        required=False, choices=[("", "")] + [(k, k) for k in PRICE_RANGES_BY_KEY]
    )
    sort = forms.ChoiceField(required=False, choices=list(SORTS.items()))
    page = forms.IntegerField(required=False, min_value=1)
    tab = forms.ChoiceField(
        required=False, choices=[("products", _("Products")), ("news", _("News"))]
    )

    def clean_province(self):
        return [int(p) for p in self.data.getlist("province") if p.isdigit()]

    def _free(self, name):
        return [v for v in self.data.getlist(name) if v and len(v) <= 255]

    def clean_category(self):
        return self._free("category")

    def clean_cooperative(self):
        return self._free("cooperative")

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


class ProductSearchView(TemplateView):
    """Search and browse products: full text, facets, sorts, highlights, pages."""

    template_name = "oscar/catalogue/search_results.html"
    per_page = 24
    news_per_page = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Invalid values (a letter for a page, an unknown band) are dropped
        # field by field rather than failing the whole search.
        form = ProductSearchForm(self.request.GET)
        form.is_valid()
        for field in list(form.errors):
            form.cleaned_data.pop(field, None)
        tab = form.cleaned_data.get("tab") or "products"
        query = form.to_query(per_page=self.per_page)
        page_number = query.page
        if tab == "news":
            # ?page= pages the tab in view; the other tab shows its first page.
            query = replace(query, page=1)
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
        news = news_search(
            query.text,
            page=page_number if tab == "news" else 1,
            per_page=self.news_per_page,
        )
        news_paginator = Paginator(range(news.total), self.news_per_page)
        news_rows = [
            {
                "url": hit.url,
                "date": hit.date,
                # Both escaped by the search backend, matches in <mark>.
                "title": _highlight(hit.highlighted_title),
                "intro": _highlight(hit.highlighted_intro),
            }
            for hit in news.hits
        ]
        if tab == "news":
            page = Page(news_rows, page_number, news_paginator) if news.total else None
            paginator = news_paginator
        context.update(
            facet_groups=_facet_groups(self.request, results.facets),
            form=form,
            query=query,
            results=results,
            rows=rows,
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            tab=tab,
            tabs=_tabs(self.request, tab, results.total, news.total),
            news=news,
            news_rows=news_rows,
            sort_options=list(SORTS.items()),
            summary=(
                _("Results for “%(q)s”") % {"q": query.text}
                if query.text
                else _("All products")
            ),
        )
        return context


def _tabs(request: HttpRequest, active: str, products: int, news: int) -> list[dict]:
    """Return the Products and News tabs with their counts and URLs."""
    tabs = []
    for key, label, count in (
        ("products", _("Products"), products),
        ("news", _("News"), news),
    ):
        params = request.GET.copy()
        params.pop("page", None)
        params["tab"] = key
        tabs.append(
            {
                "key": key,
                "label": label,
                "count": count,
                "url": "?" + params.urlencode(),
                "active": key == active,
            }
        )
    return tabs


FACET_TITLES = {
    "stars": _("OCOP stars"),
    "price": _("Price"),
    "category": _("Category"),
    "province": _("Province"),
    "cooperative": _("Cooperative"),
}
#: Facet name -> query-string parameter.
FACET_PARAMS = {
    "stars": "stars",
    "price": "price",
    "category": "category",
    "province": "province",
    "cooperative": "cooperative",
}


def _facet_groups(request: HttpRequest, facets: dict) -> list[dict]:
    """Return each facet with, per value, the URL that toggles it."""
    groups = []
    for name, title in FACET_TITLES.items():
        param = FACET_PARAMS[name]
        values = []
        for value in facets.get(name, []):
            params = request.GET.copy()
            params.pop("page", None)
            chosen = params.getlist(param)
            if name == "price":
                params[param] = "" if value.selected else value.key
            elif value.selected:
                params.setlist(param, [v for v in chosen if v != value.key])
            else:
                params.setlist(param, chosen + [value.key])
            values.append({"value": value, "url": "?" + params.urlencode()})
        if any(v["value"].count or v["value"].selected for v in values):
            groups.append({"name": name, "title": title, "values": values})
    return groups


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
