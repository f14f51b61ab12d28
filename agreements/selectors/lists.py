"""The list of agreements: filters, sorts, pages and their parties."""

import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from marketplace.core.sql import in_values

from .. import figures
from ..models import Agreement, AgreementParty
from ..status import STATUS_BEHIND
from .access import agreements_visible_to, user_partner_scope
from .fulfilment import agreements_with_fulfilment, as_of

SORTS = {
    "number": "number",
    "-number": "-number",
    "signed": "signed_on",
    "-signed": "-signed_on",
    "committed": "committed_value",
    "-committed": "-committed_value",
    "delivered": "delivered_value",
    "-delivered": "-delivered_value",
    "fulfilment": "fulfilment_percent",
    "-fulfilment": "-fulfilment_percent",
    "status": "status",
    "-status": "-status",
}


def agreement_list(
    *,
    user=None,
    filters: dict[str, Any] | None = None,
    sort: str = "-signed",
    today: datetime.date | None = None,
) -> QuerySet:
    """Return the agreements matching ``filters``, with fulfilment, sorted.

    Filters (all optional): ``conference`` (Conference), ``partner``
    (Partner), ``business`` (Business), ``province`` (province code of a
    business party, or of a cooperative party once cooperatives carry one),
    ``kind``, ``status``, ``behind`` (bool), ``period_from`` /
    ``period_to`` (agreements valid at some point in the period),
    ``signed_from`` / ``signed_to``, ``q`` (number or party name).
    """
    today = as_of(today)
    filters = filters or {}
    base = agreements_visible_to(user=user) if user is not None else Agreement.objects
    queryset = base.all().select_related("conference", "staff_in_charge")
    if filters.get("conference"):
        queryset = queryset.filter(conference=filters["conference"])
    parties = AgreementParty.objects.values("agreement_id")
    if filters.get("partner"):
        queryset = queryset.filter(pk__in=parties.filter(partner=filters["partner"]))
    if filters.get("business"):
        queryset = queryset.filter(pk__in=parties.filter(business=filters["business"]))
    if filters.get("province"):
        province = Q(parties__business__province_code=filters["province"]) | Q(
            parties__partner__cooperative__province_code=filters["province"]
        )
        queryset = queryset.filter(
            pk__in=Agreement.objects.filter(province).values("pk")
        )
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("period_from"):
        queryset = queryset.filter(valid_until__gte=filters["period_from"])
    if filters.get("period_to"):
        queryset = queryset.filter(valid_from__lte=filters["period_to"])
    if filters.get("signed_from"):
        queryset = queryset.filter(signed_on__gte=filters["signed_from"])
    if filters.get("signed_to"):
        queryset = queryset.filter(signed_on__lte=filters["signed_to"])
    if filters.get("q"):
        q = filters["q"]
        queryset = queryset.filter(
            pk__in=Agreement.objects.filter(
                Q(number__icontains=q)
                | Q(parties__partner__name__icontains=q)
                | Q(parties__business__name__icontains=q)
            ).values("pk")
        )
    statuses = {filters["status"]} if filters.get("status") else set()
    if filters.get("behind"):
        statuses = statuses & {STATUS_BEHIND} if statuses else {STATUS_BEHIND}
        statuses = statuses or {"-"}
    # A cooperative's staff see the figures and statuses of their own
    # lines only (module docstring), and filter and sort by those.
    scope = user_partner_scope(user=user) if user is not None else None
    if statuses and scope is None:
        # Set-based (figures.py): one pass over the register, not a
        # subquery per agreement and per figure.
        # The ids are fetched once, so that the paginator's count and the
        # page do not each recompute every agreement's figures.
        ids = figures.agreement_ids_in_status(
            today=today, statuses=sorted(statuses), agreements=queryset
        )
        # Thousands of ids: one array parameter (they are bound twice).
        queryset = queryset.filter(pk__in=in_values(ids, "integer"))
    queryset = agreements_with_fulfilment(queryset, today=today, partner_ids=scope)
    if statuses and scope is not None:
        # A cooperative's own agreements are few: filtered on their own
        # figures' status.
        queryset = queryset.filter(status__in=sorted(statuses))
    order = SORTS.get(sort, "-signed_on")
    return queryset.order_by(order, "-pk")


#: Sorts on the agreement's own columns: the list's page is found without
#: the figures, which are then computed for its rows only.
_PLAIN_SORTS = {"number", "signed_on"}


def agreement_list_page(
    *,
    user=None,
    filters: dict[str, Any] | None = None,
    sort: str = "-signed",
    today: datetime.date | None = None,
    number: Any = None,
    per_page: int = 50,
) -> Page:
    """Return page ``number`` of ``agreement_list``, its rows with their
    figures.

    Sorted by number or date, the page's ids are found first and only its
    rows get figures: SQLite computes every selected figure of every
    matching row before it sorts and cuts (PostgreSQL defers them), which
    for thousands of agreements is most of the page's time.
    """
    rows = agreement_list(user=user, filters=filters, sort=sort, today=today)
    if SORTS.get(sort, "-signed_on").lstrip("-") not in _PLAIN_SORTS:
        return Paginator(rows, per_page).get_page(number)
    page = Paginator(rows.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    by_pk = {agreement.pk: agreement for agreement in rows.filter(pk__in=ids)}
    page.object_list = [by_pk[pk] for pk in ids]
    return page


def agreement_list_parties(*, agreements) -> dict[int, dict[str, list]]:
    """Return {agreement id: {"cooperatives": [...], "businesses": [...]}}
    for a page of agreements, in one query."""
    result: dict[int, dict[str, list]] = {
        a.pk: {"cooperatives": [], "businesses": []} for a in agreements
    }
    parties = AgreementParty.objects.filter(agreement__in=list(result)).select_related(
        "partner__cooperative", "business"
    )
    for party in parties:
        key = "cooperatives" if party.partner_id else "businesses"
        result[party.agreement_id][key].append(party)
    return result
