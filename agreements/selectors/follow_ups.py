"""Difficulties, follow-ups and delivery reports of the visible agreements;
the delivered total of one line; the plain lists of businesses and
cooperatives."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from ..models import Business, Commitment, DeliveryReport, Difficulty, FollowUp
from .access import agreements_visible_to
from .fulfilment import QTY, as_of

Partner = get_model("partner", "Partner")


def follow_up_list(
    *,
    user,
    state: str = "open",
    today: datetime.date | None = None,
) -> QuerySet:
    """Return follow-ups of visible agreements: ``open``, ``overdue``, ``due``
    (next 14 days) or ``closed``."""
    today = as_of(today)
    queryset = FollowUp.objects.filter(
        agreement__in=agreements_visible_to(user=user).values("pk")
    ).select_related("agreement", "milestone")
    if state == "closed":
        return queryset.filter(closed_on__isnull=False).order_by("-closed_on")
    queryset = queryset.filter(closed_on__isnull=True, agreement__cancelled=False)
    if state == "overdue":
        queryset = queryset.filter(due_on__lt=today)
    elif state == "due":
        queryset = queryset.filter(
            due_on__gte=today, due_on__lte=today + datetime.timedelta(days=14)
        )
    return queryset.order_by("due_on", "pk")


def difficulty_list(
    *, user, state: str = "open", today: datetime.date | None = None
) -> QuerySet:
    """Return difficulties of visible agreements: ``open``, ``overdue``,
    ``resolved`` or ``all``."""
    today = as_of(today)
    queryset = Difficulty.objects.filter(
        agreement__in=agreements_visible_to(user=user).values("pk")
    ).select_related("agreement", "assignee")
    if state == "open":
        queryset = queryset.exclude(status=Difficulty.Status.RESOLVED)
    elif state == "overdue":
        queryset = queryset.exclude(status=Difficulty.Status.RESOLVED).filter(
            deadline__lt=today
        )
    elif state == "resolved":
        queryset = queryset.filter(status=Difficulty.Status.RESOLVED)
    return queryset.order_by("deadline", "pk")


def pending_report_list(*, user) -> QuerySet:
    """Return delivery reports awaiting verification on visible agreements."""
    return (
        DeliveryReport.objects.filter(
            verified_at__isnull=True,
            commitment__agreement__in=agreements_visible_to(user=user).values("pk"),
        )
        .select_related(
            "commitment", "commitment__agreement", "commitment__product", "reported_by"
        )
        .order_by("delivered_on", "pk")
    )


def business_list() -> QuerySet:
    return Business.objects.order_by("name")


def cooperative_list() -> QuerySet:
    """Return the partners that are party to at least one agreement, or all."""
    return Partner.objects.order_by("name")


def commitment_delivered(*, commitment: Commitment) -> dict[str, Any]:
    """Return the verified quantity and value delivered on a commitment so far
    (all dates), for the over-commitment flag."""
    totals = commitment.reports.verified().aggregate(
        quantity=Coalesce(Sum("quantity"), Value(Decimal(0)), output_field=QTY),
        value=Coalesce(Sum("value"), 0),
    )
    return totals
