"""The tabs of the search page, registered by the apps whose results they show.

One URL serves the search page and ``?tab=`` names the tab open (the first
by default; see ``views.py``). The catalogue registers its products tab and
the news site its news tab, from their ``AppConfig.ready()``, each with its
label, its place in the tab bar, how many results it has for a request (the
count beside its label while another tab is open) and the view rendering the
page while it is open. Search knows neither of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise

#: How many results a tab has for the request (its filters applied).
TabCount = Callable[[HttpRequest], int]
#: The view rendering the search page with its tab open.
TabView = Callable[[HttpRequest], HttpResponse]


@dataclass(frozen=True)
class ResultTab:
    key: str
    label: str | Promise
    #: Tabs are shown by ascending order.
    order: int
    count: TabCount
    view: TabView


_tabs: dict[str, ResultTab] = {}


def result_tab_register(
    *, key: str, label: str | Promise, order: int, count: TabCount, view: TabView
) -> None:
    """Register a tab of the search page (again under its key: replace it)."""
    _tabs[key] = ResultTab(key=key, label=label, order=order, count=count, view=view)


def result_tabs() -> list[ResultTab]:
    """Return the registered tabs, in the order shown."""
    return sorted(_tabs.values(), key=lambda tab: (tab.order, tab.key))


def result_tab_choices() -> list[tuple[str, str | Promise]]:
    """Return (key, label) of each tab, for a form's ``tab`` field."""
    return [(tab.key, tab.label) for tab in result_tabs()]


def result_tab_open(key: str | None) -> ResultTab | None:
    """Return the tab named ``key``, else the first tab (None without tabs)."""
    tabs = result_tabs()
    return next((tab for tab in tabs if tab.key == key), tabs[0] if tabs else None)


def result_tab_links(request: HttpRequest, *, active: str, count: int) -> list[dict]:
    """Return the tab bar: each tab's label, count and URL, the open one marked.

    ``count`` is the open tab's, which its view has just counted; the other
    tabs count theirs now. Each URL keeps the request's parameters but the
    page (the tab opens on its first).
    """
    links = []
    for tab in result_tabs():
        params = request.GET.copy()
        params.pop("page", None)
        params["tab"] = tab.key
        links.append(
            {
                "key": tab.key,
                "label": tab.label,
                "count": count if tab.key == active else tab.count(request),
                "url": "?" + params.urlencode(),
                "active": tab.key == active,
            }
        )
    return links
