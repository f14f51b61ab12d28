"""The list of agreements, its Excel export and the party look-up of its
filters.
"""

from django.http import JsonResponse
from django.shortcuts import render

from marketplace.core.exports import xlsx_response

from .. import excel
from ..selectors import lists
from ..selectors.parties import party_candidates, party_search
from .requests import filters_read, register_user_required, staff_required, today_of
from .rows import decorate


@register_user_required
def agreement_list(request):
    form, filters = filters_read(request)
    sort = request.GET.get("sort") or "-signed"
    page = lists.agreement_list_page(
        user=request.user,
        filters=filters,
        sort=sort,
        today=today_of(request),
        number=request.GET.get("page"),
    )
    page.object_list = decorate(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "nav": "list",
        },
    )


@register_user_required
def party_lookup(request, kind: str):
    """Answer the filters' type-ahead: at most 20 businesses (``kind``
    "business") or cooperatives ("cooperative") the user may see whose name
    or tax code matches ``q``, as JSON."""
    matches = party_search(
        candidates=party_candidates(kind=kind, user=request.user),
        query=request.GET.get("q", "")[:100],
    )
    return JsonResponse(
        {
            "results": [
                {"id": pk, "name": name, "tax_code": tax_code}
                for pk, name, tax_code in matches
            ]
        }
    )


@staff_required
def agreement_export(request):
    _form, filters = filters_read(request)
    today = today_of(request)
    rows = lists.agreement_list(
        user=request.user,
        filters=filters,
        sort=request.GET.get("sort") or "number",
        today=today,
    )
    return xlsx_response(
        filename=f"agreements-{today:%Y%m%d}.xlsx",
        content=excel.export_agreements(agreements=rows, today=today),
    )
