"""The search page's one URL: it hands the request to the tab it names.

The tabs and their views belong to the apps that registered them (see
``tabs.py``); this view only picks one.
"""

from django.http import Http404, HttpRequest, HttpResponse

from .tabs import result_tab_open


def search_page(request: HttpRequest) -> HttpResponse:
    """Serve the search page with the tab ``?tab=`` names open (else the first)."""
    tab = result_tab_open(request.GET.get("tab"))
    if tab is None:
        raise Http404("No search results tab is registered.")
    return tab.view(request)
