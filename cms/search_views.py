"""The search page's news tab: the published news pages matching the text.

The news site registers this tab with search's results page (``register``,
from the app's ready()): it opens at ``?tab=news`` and counts its pages
beside the products tab's label while that one is open.
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from catalog.catalogue.search_views import search_page_summary
from marketplace.core.html import html_highlight_clean
from marketplace.search.service import news_search
from marketplace.search.tabs import result_tab_links, result_tab_register

#: The news tab's key in the search page's ``?tab=``.
NEWS_TAB = "news"


class NewsSearchForm(forms.Form):
    """The text and the page of the query string; the other tabs' filters stay put."""

    q = forms.CharField(required=False, max_length=200)
    page = forms.IntegerField(required=False, min_value=1)


@dataclass(frozen=True)
class NewsQuery:
    text: str = ""
    page: int = 1


def _news_query(request: HttpRequest) -> NewsQuery:
    """Return the text and page asked for; a value that makes no sense is dropped."""
    form = NewsSearchForm(request.GET)
    form.is_valid()  # cleaned_data then holds the valid fields only
    data = form.cleaned_data
    return NewsQuery(text=data.get("q") or "", page=data.get("page") or 1)


def _highlight(text: str) -> SafeString:
    """Return a backend's highlight safe to show: only <mark> tags survive."""
    return mark_safe(html_highlight_clean(text))  # noqa: S308  (cleaned)


class NewsSearchView(TemplateView):
    """The search page with its news tab open: news pages, matches highlighted."""

    template_name = "cms/search_results.html"
    per_page = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = _news_query(self.request)
        news = news_search(query.text, page=query.page, per_page=self.per_page)
        paginator = Paginator(range(news.total), self.per_page)
        rows = [
            {
                "url": hit.url,
                "date": hit.date,
                # Both escaped by the search backend, matches in <mark>.
                "title": _highlight(hit.highlighted_title),
                "intro": _highlight(hit.highlighted_intro),
            }
            for hit in news.hits
        ]
        context.update(
            query=query,
            news=news,
            news_rows=rows,
            page_obj=Page(rows, query.page, paginator) if news.total else None,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            tab=NEWS_TAB,
            tabs=result_tab_links(self.request, active=NEWS_TAB, count=news.total),
            # The page's heading is the store's ("All products" without text).
            summary=search_page_summary(query.text),
        )
        return context


def news_result_count(request: HttpRequest) -> int:
    """Return how many news pages the text in ``request`` finds."""
    text = _news_query(request).text
    return news_search(text, page=1, per_page=NewsSearchView.per_page).total


def register() -> None:
    """Register the news tab with search's results page (from ready())."""
    result_tab_register(
        key=NEWS_TAB,
        label=_("News"),
        order=20,
        count=news_result_count,
        view=NewsSearchView.as_view(),
    )
