"""One agreement: what a user may see of it, its lines and its timeline."""

import datetime
from typing import Any

from django.db.models import F, Q, QuerySet
from oscar.core.loading import get_model

from ..history import agreement_history
from ..models import Agreement, Commitment, DeliveryReport
from ..status import status_case
from .access import (
    agreements_visible_to,
    user_is_agreements_staff,
    user_partner_ids,
    user_partner_scope,
)
from .fulfilment import agreements_with_fulfilment, as_of, commitments_with_fulfilment
from .people import person_name, person_name_for_cooperative

Partner = get_model("partner", "Partner")

#: The latest changes shown on an agreement's page (the export has them all).
HISTORY_LIMIT = 50

#: A line's status: its agreement's cancellation, its own period and figures.
LINE_STATUS_FIELDS = {
    "draft": "agreement__is_draft",
    "cancelled": "agreement__cancelled",
    "committed": "committed_value",
    "capped": "capped_value",
    "expected": "expected_value",
    "end": "period_end",
}


def commitment_list(
    *,
    agreement: Agreement,
    today: datetime.date | None = None,
    partner_ids: list[int] | None = None,
) -> QuerySet:
    """Return an agreement's lines with fulfilment figures and status (only
    the lines of ``partner_ids`` when given)."""
    today = as_of(today)
    lines = Commitment.objects.filter(agreement=agreement)
    if partner_ids is not None:
        lines = lines.filter(partner__in=partner_ids)
    return (
        commitments_with_fulfilment(
            lines.select_related("product", "partner"),
            today=today,
        )
        .annotate(committed_value=F("value"))
        .annotate(status=status_case(today=today, fields=LINE_STATUS_FIELDS))
        .order_by("pk")
    )


def agreement_get(*, pk: int, user, today: datetime.date | None = None) -> Agreement:
    """Return one agreement the user may see, with the figures they may see
    (a cooperative's: its own lines'), or raise Http404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        agreements_with_fulfilment(
            agreements_visible_to(user=user).select_related(
                "conference", "staff_in_charge"
            ),
            today=today,
            partner_ids=user_partner_scope(user=user),
        ),
        pk=pk,
    )


def agreement_is_shared_beyond(*, agreement: Agreement, partner_ids: list[int]) -> bool:
    """Return True when a cooperative other than ``partner_ids`` is a party
    to the agreement or holds one of its lines."""
    return (
        Partner.objects.filter(
            Q(agreement_parties__agreement=agreement)
            | Q(agreement_commitments__agreement=agreement)
        )
        .exclude(pk__in=partner_ids)
        .exists()
    )


def agreement_timeline(
    *,
    agreement: Agreement,
    partner_ids: list[int] | None = None,
    shared: bool = False,
) -> list[dict[str, Any]]:
    """Return reports, difficulties and follow-ups as one list, newest first.

    With ``partner_ids`` (a cooperative's view), only the reports on those
    cooperatives' lines; on a ``shared`` agreement, only the difficulties
    their users raised and no follow-up outcome (module docstring).
    """
    events: list[dict[str, Any]] = []
    reports = DeliveryReport.objects.filter(commitment__agreement=agreement)
    if partner_ids is not None:
        reports = reports.filter(commitment__partner__in=partner_ids)
    for report in reports.select_related(
        "commitment",
        "commitment__product",
        "commitment__partner__cooperative",
        "reported_by",
        "verified_by",
    ):
        events.append({"date": report.delivered_on, "type": "report", "obj": report})
    difficulties = agreement.difficulties.select_related("assignee")
    if partner_ids is not None and shared:
        difficulties = difficulties.filter(
            raised_by__in=_partner_users(partner_ids=partner_ids)
        )
    for difficulty in difficulties:
        events.append(
            {"date": difficulty.raised_on, "type": "difficulty", "obj": difficulty}
        )
    if partner_ids is None or not shared:
        for follow_up in agreement.follow_ups.filter(closed_on__isnull=False):
            events.append(
                {"date": follow_up.closed_on, "type": "follow_up", "obj": follow_up}
            )
    events.sort(key=lambda e: e["date"], reverse=True)
    return events


def _partner_users(*, partner_ids: list[int]) -> QuerySet:
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(partners__in=partner_ids)
        .values("pk")
        .distinct()
    )


def _partner_name(partner) -> str:
    """The cooperative's registered name, or its partner's until it has a
    cooperative profile."""
    cooperative = getattr(partner, "cooperative", None)
    return cooperative.name if cooperative else partner.name


def agreement_detail_for(
    *, user, agreement: Agreement, today: datetime.date | None = None
) -> dict[str, Any]:
    """Return what ``user`` may see of one agreement (module docstring).

    ``agreement`` comes from ``agreement_get`` (its figures already the
    user's). Keys: ``parties``, ``lines`` (with figures), ``milestones``,
    ``timeline`` (each report event with ``who``, a display name),
    ``difficulties``, ``follow_ups`` and ``history`` (staff only, else
    empty), ``can_report``, ``own_part_only`` (True when a cooperative sees
    only its part of an agreement shared with other cooperatives) and
    ``staff_in_charge_name``.
    """
    today = as_of(today)
    scope = user_partner_scope(user=user)
    # A business's staff see the whole agreement (scope None) but are not
    # staff (selectors/access.py).
    staff = user_is_agreements_staff(user=user)
    shared = scope is not None and agreement_is_shared_beyond(
        agreement=agreement, partner_ids=scope
    )
    lines = list(commitment_list(agreement=agreement, today=today, partner_ids=scope))
    timeline = agreement_timeline(agreement=agreement, partner_ids=scope, shared=shared)
    # Whose reporters are named by their cooperative: the viewer's own
    # cooperative, or for a business every cooperative of its lines.
    reporting_partners = (
        scope if scope is not None else sorted({line.partner_id for line in lines})
    )
    colleagues = (
        set()
        if staff
        else set(
            _partner_users(partner_ids=reporting_partners).values_list("pk", flat=True)
        )
    )
    for event in timeline:
        if event["type"] != "report":
            continue
        reporter = event["obj"].reported_by
        if reporter is None:
            event["who"] = ""
        elif staff:
            event["who"] = person_name(user=reporter)
        elif reporter.pk in colleagues:
            event["who"] = reporter.get_full_name().strip() or _partner_name(
                event["obj"].commitment.partner
            )
        else:
            event["who"] = person_name_for_cooperative(user=reporter)
    in_charge = agreement.staff_in_charge
    if staff:
        in_charge_name = person_name(user=in_charge)
    else:
        in_charge_name = person_name_for_cooperative(user=in_charge)
    return {
        "parties": agreement.parties.select_related("partner__cooperative", "business"),
        "lines": lines,
        "milestones": agreement.milestones.all(),
        "timeline": timeline,
        "difficulties": agreement.difficulties.select_related("assignee")
        if staff
        else [],
        "follow_ups": agreement.follow_ups.select_related("milestone") if staff else [],
        "history": agreement_history(agreement=agreement, limit=HISTORY_LIMIT)
        if staff
        else [],
        "can_report": not agreement.cancelled
        and not agreement.is_draft
        # A business's staff see every line but report on none.
        and (staff or (scope is not None and bool(lines))),
        "own_part_only": shared,
        "staff_in_charge_name": in_charge_name,
    }


def commitments_reportable_by(*, user, agreement: Agreement) -> QuerySet:
    """Return the agreement's lines the user may report deliveries on: all
    for staff, a cooperative's own lines for its staff, none for a
    business's staff."""
    lines = Commitment.objects.filter(agreement=agreement).select_related("product")
    if not user_is_agreements_staff(user=user):
        # Not the scope: a business's staff see every line, report on none.
        lines = lines.filter(partner__in=user_partner_ids(user=user))
    return lines


def agreement_fulfilment(
    *, agreement: Agreement, today: datetime.date | None = None
) -> dict[str, Any]:
    """Return one agreement's figures as a dict (value-based)."""
    row = agreements_with_fulfilment(
        Agreement.objects.filter(pk=agreement.pk), today=today
    ).values(
        "committed_value",
        "delivered_value",
        "capped_value",
        "expected_value",
        "fulfilment_percent",
        "pending_count",
        "status",
    )[0]
    return dict(row)
