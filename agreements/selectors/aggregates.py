"""Aggregates of the register: per conference, cooperative, business,
product, month and status, and the dashboard's figures."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from .. import figures
from ..models import (
    Agreement,
    Commitment,
    Conference,
    DeliveryReport,
    Difficulty,
    FollowUp,
)
from ..status import STATUS_BEHIND, STATUS_DRAFT, status_choices
from .fulfilment import as_of, commitments_with_fulfilment, verified_reports


def _lines(
    *, agreements: QuerySet | None, today: datetime.date, include_cancelled: bool
) -> QuerySet:
    lines = Commitment.objects.all()
    if agreements is not None:
        lines = lines.filter(agreement__in=agreements.values("pk"))
    # A draft's lines are not commitments yet (as in ``figures.lines_cte``).
    lines = lines.filter(agreement__is_draft=False)
    if not include_cancelled:
        lines = lines.filter(agreement__cancelled=False)
    return commitments_with_fulfilment(lines.order_by(), today=today)


def _percent(part: int | None, whole: int | None) -> float | None:
    if not whole:
        return None
    return round(100.0 * float(part or 0) / float(whole), 1)


def fulfilment_totals(
    *, agreements: QuerySet | None = None, today: datetime.date | None = None
) -> dict[str, Any]:
    """Return committed, delivered, expected value and fulfilment % of a set of
    agreements (cancelled ones excluded), in one query."""
    totals = figures.totals(today=as_of(today), agreements=agreements)
    totals["fulfilment_percent"] = _percent(
        totals["capped_value"], totals["committed_value"]
    )
    return totals


def conference_outcome(
    *, conference: Conference, today: datetime.date | None = None
) -> dict[str, Any]:
    """Return a conference's outcome for its news page and dashboard.

    Keys: ``agreements_count`` (signed, cancelled ones included),
    ``committed_value``, ``delivered_value`` (verified deliveries, dong),
    ``fulfilment_percent`` (0-100 by value, None when nothing is committed).
    Cancelled agreements do not count in the values, drafts in nothing.
    """
    agreements = Agreement.objects.filter(conference=conference, is_draft=False)
    totals = fulfilment_totals(agreements=agreements, today=today)
    return {
        "agreements_count": agreements.count(),
        "committed_value": totals["committed_value"],
        "delivered_value": totals["delivered_value"],
        "fulfilment_percent": totals["fulfilment_percent"],
    }


def conference_list_recent(
    *, limit: int = 3, today: datetime.date | None = None
) -> list[Conference]:
    """Return the most recent conferences with their outcome figures attached
    as attributes (``agreements_count``, ``committed_value``,
    ``delivered_value``, ``fulfilment_percent``), in two queries."""
    return conference_list(today=today, limit=limit)


def conference_list(
    *, today: datetime.date | None = None, limit: int | None = None
) -> list[Conference]:
    """Return conferences, most recent first, with their figures attached."""
    conferences = Conference.objects.annotate(
        agreements_count=Count("agreements", filter=Q(agreements__is_draft=False))
    ).order_by("-start_date", "name")
    if limit is not None:
        conferences = conferences[:limit]
    conferences = list(conferences)
    values = figures.by_conference(today=as_of(today)) if conferences else {}
    for conference in conferences:
        committed, delivered, capped = values.get(conference.pk, (0, 0, 0))
        conference.committed_value = committed
        conference.delivered_value = delivered
        conference.fulfilment_percent = _percent(capped, committed)
    return conferences


def fulfilment_by_cooperative(
    *, agreements: QuerySet | None = None, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Return committed / delivered value and fulfilment % per cooperative."""
    rows = figures.by_cooperative(today=as_of(today), agreements=agreements)
    return [
        {
            "partner_id": pk,
            "partner__name": name,
            "committed": int(committed),
            "delivered": int(delivered),
            "capped": int(capped),
            "expected": int(expected),
            "percent": _percent(capped, committed),
        }
        for pk, name, committed, delivered, capped, expected in rows
    ]


def fulfilment_by_business(
    *, agreements: QuerySet | None = None, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Return committed / delivered value and fulfilment % per business party.

    A line counts for every business that is a party to its agreement.
    """
    today = as_of(today)
    rows = (
        _lines(agreements=agreements, today=today, include_cancelled=False)
        .filter(agreement__parties__business__isnull=False)
        .values("agreement__parties__business_id", "agreement__parties__business__name")
        .annotate(
            committed=Sum("value"),
            delivered=Sum("delivered_value"),
            capped=Sum("capped_value"),
        )
        .order_by("agreement__parties__business__name")
    )
    return [
        {
            "business_id": row["agreement__parties__business_id"],
            "name": row["agreement__parties__business__name"],
            "committed": row["committed"],
            "delivered": row["delivered"],
            "capped": row["capped"],
            "percent": _percent(row["capped"], row["committed"]),
        }
        for row in rows
    ]


def fulfilment_by_product(
    *, agreements: QuerySet | None = None, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Return quantity (per unit) and value figures per product or goods."""
    rows = figures.by_product(today=as_of(today), agreements=agreements)
    result = []
    for pk, title, goods, unit, c_qty, d_qty, committed, delivered, capped in rows:
        c_qty, d_qty = (
            Decimal(c_qty).quantize(Decimal("0.01")),
            Decimal(d_qty).quantize(Decimal("0.01")),
        )
        result.append(
            {
                "product_id": pk,
                "product__title": title,
                "goods": goods,
                "unit": unit,
                "label": title or goods,
                "committed_quantity": c_qty,
                "delivered_quantity": d_qty,
                "committed": int(committed),
                "delivered": int(delivered),
                "capped": int(capped),
                "quantity_percent": _percent(min(d_qty, c_qty), c_qty),
                "percent": _percent(capped, committed),
            }
        )
    return result


def fulfilment_over_time(
    *, agreements: QuerySet | None = None, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Return cumulative verified delivered value per month, up to ``today``."""
    today = as_of(today)
    reports = verified_reports(today).filter(commitment__agreement__cancelled=False)
    if agreements is not None:
        reports = reports.filter(commitment__agreement__in=agreements.values("pk"))
    rows = (
        reports.annotate(month=TruncMonth("delivered_on"))
        .values("month")
        .annotate(value=Sum("value"))
        .order_by("month")
    )
    cumulative = 0
    series = []
    for row in rows:
        cumulative += row["value"]
        series.append(
            {"month": row["month"], "value": row["value"], "cumulative": cumulative}
        )
    return series


def status_counts(
    *, agreements: QuerySet | None = None, today: datetime.date | None = None
) -> dict[str, int]:
    """Return how many agreements are in each derived status, in one query."""
    counts = {value: 0 for value, _ in status_choices()}
    counts.update(figures.status_counts(today=as_of(today), agreements=agreements))
    return counts


def dashboard_summary(
    *, conference: Conference | None = None, today: datetime.date | None = None
) -> dict[str, Any]:
    """Return every figure of the dashboard, overall or for one conference:
    totals, statuses, difficulties, follow-ups, pending reports, and the
    series by cooperative, by product and by month. A fixed number of
    queries, whatever the size of the register."""
    today = as_of(today)
    agreements = Agreement.objects.all()
    if conference is not None:
        agreements = agreements.filter(conference=conference)
    data = figures.dashboard(
        today=today,
        agreements=agreements if conference is not None else None,
        conference_id=conference.pk if conference is not None else None,
    )
    by_coop = [
        {
            "partner_id": pk,
            "partner__name": name,
            "committed": int(committed or 0),
            "delivered": int(delivered or 0),
            "capped": int(capped or 0),
            "expected": int(expected or 0),
            "percent": _percent(capped, committed),
        }
        for pk, name, committed, delivered, capped, expected in data["coop"]
    ]
    by_product = []
    for pk, label, unit, committed, delivered, capped, c_qty, d_qty in data["product"]:
        c_qty = Decimal(c_qty or 0).quantize(Decimal("0.01"))
        d_qty = Decimal(d_qty or 0).quantize(Decimal("0.01"))
        by_product.append(
            {
                "product_id": pk,
                "label": label,
                "unit": unit,
                "committed": int(committed or 0),
                "delivered": int(delivered or 0),
                "capped": int(capped or 0),
                "committed_quantity": c_qty,
                "delivered_quantity": d_qty,
                "quantity_percent": _percent(min(c_qty, d_qty), c_qty),
                "percent": _percent(capped, committed),
            }
        )
    over_time = []
    cumulative = 0
    for month, value in data["month"]:
        cumulative += value
        over_time.append(
            {
                "month": datetime.date.fromisoformat(str(month)[:10]),
                "value": value,
                "cumulative": cumulative,
            }
        )
    totals = {
        key: sum(row[field] for row in by_coop)
        for key, field in [
            ("committed_value", "committed"),
            ("delivered_value", "delivered"),
            ("capped_value", "capped"),
            ("expected_value", "expected"),
        ]
    }
    statuses = {value: 0 for value, _ in status_choices()}
    statuses.update(data["status"])
    # Overall, no filter on the agreements: the counts read their own
    # tables (the pending count through its partial index).
    scope = {} if conference is None else {"agreement__conference": conference}
    open_difficulties = Difficulty.objects.filter(**scope).exclude(
        status=Difficulty.Status.RESOLVED
    )
    counts = open_difficulties.aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=today))
    )
    follow_counts = FollowUp.objects.filter(
        **scope, closed_on__isnull=True, agreement__cancelled=False
    ).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count(
            "pk",
            filter=Q(
                due_on__gte=today, due_on__lte=today + datetime.timedelta(days=14)
            ),
        ),
    )
    pending = DeliveryReport.objects.filter(
        **{f"commitment__{key}": value for key, value in scope.items()},
        verified_at__isnull=True,
    ).count()
    return {
        "today": today,
        # Signed agreements: a draft shows under its status only.
        "agreements_count": sum(
            count for status, count in statuses.items() if status != STATUS_DRAFT
        ),
        "statuses": statuses,
        "behind_count": statuses[STATUS_BEHIND],
        **totals,
        "fulfilment_percent": _percent(
            totals["capped_value"], totals["committed_value"]
        ),
        "open_difficulties": counts["open"],
        "overdue_difficulties": counts["overdue"],
        "overdue_follow_ups": follow_counts["overdue"],
        "due_follow_ups": follow_counts["due"],
        "pending_reports": pending,
        "by_coop": by_coop,
        "by_product": by_product,
        "over_time": over_time,
    }
