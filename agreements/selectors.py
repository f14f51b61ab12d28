"""Reads of the agreements register: fulfilment, status, dashboards.

Fulfilment is computed here, in SQL, and never stored: the one stored
input is each line's cache of its verified deliveries
(``Commitment.verified_*``, kept by ``services.commitment_deliveries_refresh``),
read instead of summing the reports whenever it covers the date asked.

Which deliveries count: only *verified* delivery reports dated on or before
``today``. A cooperative's report is pending until alliance staff verify it
and counts from then on; a report that staff record is verified at once.
Pending reports are shown beside the figures but never inside them.

Definitions, for one commitment at a date ``today``:

- delivered = sum of verified reports (quantity in the commitment's unit,
  and value in dong);
- expected-to-date = committed x share, where share is the cumulative share
  of the agreement's latest milestone due on or before ``today`` when the
  agreement has a schedule, and otherwise the part of the commitment's
  period elapsed (days, both ends included), between 0 and 1;
- fulfilment % by value = min(delivered, committed) / committed, so an
  over-delivery on one line never hides a shortfall on another when lines
  are summed (the over-delivery itself is flagged on the report).

Status, in order of precedence: cancelled (set by hand); completed (every
line fully delivered by value); expired unfulfilled (past its end, not
completed); behind (capped delivered value short of expected); not started
(nothing delivered, nothing expected yet); on track.

Every function takes ``today`` so that tests and reports can ask "as of".

Who sees what (``user_partner_scope``, ``agreement_detail_for``). Alliance
staff see everything. An agreement may bind several cooperatives; each
cooperative's staff see what the agreement says and who signed it, and
otherwise only their own part of it:

- the agreement's terms, dates, status of cancellation, schedule, parties
  (names, roles, the businesses' contacts) and the signed document: all
  parties signed them, every party sees them;
- commitments: only the cooperative's own lines, each with its delivered,
  expected and pending figures;
- the agreement's figures (committed, delivered, expected, fulfilment %,
  pending count) and its status: computed over the cooperative's own lines
  only (in the list and on the agreement's page), because the agreement-wide
  totals would give away what the other cooperatives committed and
  delivered, and whether they are behind;
- delivery reports (values, evidence, notes, who reported): only those on
  the cooperative's own lines;
- difficulties: on an agreement where it is the only cooperative, all of
  them (they can only concern it); on a shared agreement, only those raised
  by its own users;
- follow-up outcomes (staff's notes on the whole agreement): only where it
  is the only cooperative;
- people: never a username of anyone else; a reporter is shown by full
  name, else as the cooperative (its own staff) or "Alliance staff"; the
  staff member in charge by full name, else "Alliance staff"; the change
  history only to staff.

For an agreement with one cooperative, "its own lines" are all the lines,
so that cooperative sees the agreement's whole figures.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Least, Round, TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.core.sql import in_values
from marketplace.core.text import fold_vi

from . import figures
from .models import (
    Agreement,
    AgreementParty,
    Business,
    Commitment,
    Conference,
    DeliveryReport,
    Difficulty,
    FollowUp,
    Milestone,
)

Partner = get_model("partner", "Partner")

#: Derived statuses (value, label). Labels are translated where shown.
STATUS_NOT_STARTED = "not_started"
STATUS_ON_TRACK = "on_track"
STATUS_BEHIND = "behind"
STATUS_COMPLETED = "completed"
STATUS_EXPIRED = "expired"
STATUS_CANCELLED = "cancelled"


def status_choices() -> list[tuple[str, str]]:
    """Return the derived statuses with their translated labels."""
    from django.utils.translation import gettext_lazy as _

    return [
        (STATUS_NOT_STARTED, _("Not started")),
        (STATUS_ON_TRACK, _("On track")),
        (STATUS_BEHIND, _("Behind")),
        (STATUS_COMPLETED, _("Completed")),
        (STATUS_EXPIRED, _("Expired unfulfilled")),
        (STATUS_CANCELLED, _("Cancelled")),
    ]


class DayNumber(Func):
    """Days since 1970-01-01 of a date column, on PostgreSQL and SQLite."""

    output_field = IntegerField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s - DATE '1970-01-01')"
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)",
        )


class RoundHalfUp(Func):
    """Round a float that is never negative to a whole number, halves up,
    in floating point on PostgreSQL and SQLite alike; ``figures`` rounds
    expected-to-date the same way (Django's Round goes through numeric on
    PostgreSQL, five times slower over a register's lines)."""

    output_field = BigIntegerField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(FLOOR(%(expressions)s + 0.5) AS BIGINT)",
        )

    def as_sqlite(self, compiler, connection, **extra):
        # A cast to INTEGER truncates: the floor of a number never negative.
        return self.as_sql(
            compiler, connection, template="CAST(%(expressions)s + 0.5 AS INTEGER)"
        )


def _day_number(day: datetime.date) -> int:
    return (day - datetime.date(1970, 1, 1)).days


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _verified_reports(today: datetime.date) -> QuerySet:
    return DeliveryReport.objects.filter(
        verified_at__isnull=False, delivered_on__lte=today
    )


def _sum_subquery(queryset: QuerySet, group: str, field: str, output) -> Coalesce:
    """Return Coalesce((SELECT SUM(field) ... GROUP BY group), 0)."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .values(group)
            .annotate(total=Sum(field))
            .values("total")[:1],
            output_field=output,
        ),
        Value(0),
        output_field=output,
    )


QTY = DecimalField(max_digits=16, decimal_places=2)


def commitments_with_fulfilment(
    queryset: QuerySet | None = None, *, today: datetime.date | None = None
) -> QuerySet:
    """Annotate commitments with delivered, expected and derived figures.

    Adds ``delivered_quantity``, ``delivered_value``, ``capped_value``,
    ``expected_value``, ``expected_quantity``, ``pending_count`` and
    ``has_schedule``.
    """
    today = _today(today)
    queryset = Commitment.objects.all() if queryset is None else queryset
    reports = _verified_reports(today).filter(commitment=OuterRef("pk"))
    today_n = _day_number(today)
    start_n = DayNumber("period_start")
    end_n = DayNumber("period_end")
    elapsed = Case(
        When(period_start__gt=today, then=Value(0.0)),
        When(period_end__lte=today, then=Value(1.0)),
        default=Cast(Value(today_n + 1) - start_n, FloatField())
        / Cast(end_n - start_n + Value(1), FloatField()),
        output_field=FloatField(),
    )
    share = Coalesce(
        Subquery(
            Milestone.objects.filter(
                agreement=OuterRef("agreement_id"), due_on__lte=today
            )
            .order_by("-due_on")
            .values("share")[:1]
        ),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=5, decimal_places=2),
    )
    fraction = Case(
        When(has_schedule=True, then=Cast(share, FloatField()) / Value(100.0)),
        default=elapsed,
        output_field=FloatField(),
    )
    # The line's cache of verified deliveries, unless a verified report is
    # dated after ``today``: then its reports up to ``today`` are summed.
    cached = Q(verified_until__isnull=True) | Q(verified_until__lte=today)
    return queryset.annotate(
        has_schedule=Exists(
            Milestone.objects.filter(agreement=OuterRef("agreement_id"))
        ),
        delivered_quantity=Case(
            When(cached, then=F("verified_quantity")),
            default=_sum_subquery(reports, "commitment", "quantity", QTY),
            output_field=QTY,
        ),
        delivered_value=Case(
            When(cached, then=F("verified_value")),
            default=_sum_subquery(reports, "commitment", "value", BigIntegerField()),
            output_field=BigIntegerField(),
        ),
        pending_count=Coalesce(
            Subquery(
                DeliveryReport.objects.filter(
                    commitment=OuterRef("pk"), verified_at__isnull=True
                )
                .order_by()
                .values("commitment")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            Value(0),
        ),
    ).annotate(
        capped_value=Least(
            F("delivered_value"), F("value"), output_field=BigIntegerField()
        ),
        expected_value=RoundHalfUp(Cast(F("value"), FloatField()) * fraction),
        expected_quantity=Cast(
            Round(Cast(F("quantity"), FloatField()) * fraction, precision=2), QTY
        ),
    )


def _status_case(*, today: datetime.date, end_field: str, cancelled_field: str) -> Case:
    return Case(
        When(**{cancelled_field: True}, then=Value(STATUS_CANCELLED)),
        When(
            Q(committed_value__gt=0) & Q(capped_value__gte=F("committed_value")),
            then=Value(STATUS_COMPLETED),
        ),
        When(**{f"{end_field}__lt": today}, then=Value(STATUS_EXPIRED)),
        When(capped_value__lt=F("expected_value"), then=Value(STATUS_BEHIND)),
        When(capped_value=0, then=Value(STATUS_NOT_STARTED)),
        default=Value(STATUS_ON_TRACK),
    )


def commitment_list(
    *,
    agreement: Agreement,
    today: datetime.date | None = None,
    partner_ids: list[int] | None = None,
) -> QuerySet:
    """Return an agreement's lines with fulfilment figures and status (only
    the lines of ``partner_ids`` when given)."""
    today = _today(today)
    lines = Commitment.objects.filter(agreement=agreement)
    if partner_ids is not None:
        lines = lines.filter(partner__in=partner_ids)
    return (
        commitments_with_fulfilment(
            lines.select_related("product", "partner"),
            today=today,
        )
        .annotate(committed_value=F("value"))
        .annotate(
            status=_status_case(
                today=today,
                end_field="period_end",
                cancelled_field="agreement__cancelled",
            )
        )
        .order_by("pk")
    )


def agreements_with_fulfilment(
    queryset: QuerySet | None = None,
    *,
    today: datetime.date | None = None,
    partner_ids: list[int] | None = None,
) -> QuerySet:
    """Annotate agreements with committed, delivered, expected values and status.

    Adds ``committed_value``, ``delivered_value`` (all verified deliveries,
    over-deliveries included), ``capped_value``, ``expected_value``,
    ``fulfilment_percent`` (float, or None without commitments),
    ``pending_count`` and ``status``. With ``partner_ids``, every figure
    (and so the status) counts only those cooperatives' lines: what a
    cooperative's staff may see (see the module docstring).
    """
    today = _today(today)
    queryset = Agreement.objects.all() if queryset is None else queryset
    own = {} if partner_ids is None else {"partner__in": partner_ids}
    lines = commitments_with_fulfilment(
        Commitment.objects.filter(agreement=OuterRef("pk"), **own), today=today
    )
    big = BigIntegerField()
    return queryset.annotate(
        committed_value=_sum_subquery(
            Commitment.objects.filter(agreement=OuterRef("pk"), **own),
            "agreement",
            "value",
            big,
        ),
        delivered_value=_sum_subquery(lines, "agreement", "delivered_value", big),
        capped_value=_sum_subquery(lines, "agreement", "capped_value", big),
        expected_value=_sum_subquery(lines, "agreement", "expected_value", big),
        pending_count=Coalesce(
            Subquery(
                DeliveryReport.objects.filter(
                    commitment__agreement=OuterRef("pk"),
                    verified_at__isnull=True,
                    **{f"commitment__{key}": value for key, value in own.items()},
                )
                .order_by()
                .values("commitment__agreement")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            Value(0),
        ),
    ).annotate(
        fulfilment_percent=Case(
            When(
                committed_value__gt=0,
                then=Cast(F("capped_value"), FloatField())
                * Value(100.0)
                / Cast(F("committed_value"), FloatField()),
            ),
            default=None,
            output_field=FloatField(),
        ),
        status=_status_case(
            today=today, end_field="valid_until", cancelled_field="cancelled"
        ),
    )


# --- who sees what ---------------------------------------------------------


def user_is_agreements_staff(*, user) -> bool:
    """Return True for alliance staff who run the register (and superusers)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("agreements.change_agreement"))
    )


def user_partner_ids(*, user) -> list[int]:
    """Return the ids of the cooperatives (Oscar partners) the user works for."""
    if not user.is_authenticated:
        return []
    return list(user.partners.values_list("pk", flat=True))


def user_partner_scope(*, user) -> list[int] | None:
    """Return None when the user sees every cooperative's part of the
    agreements (alliance staff), else the ids of the cooperatives whose part
    they see (their own; none for anyone else)."""
    if user_is_agreements_staff(user=user):
        return None
    return user_partner_ids(user=user)


def agreements_visible_to(*, user) -> QuerySet:
    """Return the agreements a user may see: all for staff, their own for a
    cooperative's staff, none for anyone else."""
    if user_is_agreements_staff(user=user):
        return Agreement.objects.all()
    partner_ids = user_partner_ids(user=user)
    if not partner_ids:
        return Agreement.objects.none()
    return Agreement.objects.filter(
        Exists(
            Commitment.objects.filter(agreement=OuterRef("pk"), partner__in=partner_ids)
        )
        | Exists(
            AgreementParty.objects.filter(
                agreement=OuterRef("pk"), partner__in=partner_ids
            )
        )
    )


# --- the list ---------------------------------------------------------------


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
    today = _today(today)
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


# --- one agreement -----------------------------------------------------------


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


def _staff_name(user) -> str:
    from django.utils.translation import gettext

    return user.get_full_name() or gettext("Alliance staff")


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
    today = _today(today)
    scope = user_partner_scope(user=user)
    staff = scope is None
    shared = not staff and agreement_is_shared_beyond(
        agreement=agreement, partner_ids=scope
    )
    lines = list(commitment_list(agreement=agreement, today=today, partner_ids=scope))
    timeline = agreement_timeline(agreement=agreement, partner_ids=scope, shared=shared)
    colleagues = (
        set()
        if staff
        else set(_partner_users(partner_ids=scope).values_list("pk", flat=True))
    )
    for event in timeline:
        if event["type"] != "report":
            continue
        reporter = event["obj"].reported_by
        if reporter is None:
            event["who"] = ""
        elif staff:
            event["who"] = reporter.get_full_name() or reporter.get_username()
        elif reporter.pk in colleagues:
            event["who"] = reporter.get_full_name() or _partner_name(
                event["obj"].commitment.partner
            )
        else:
            event["who"] = _staff_name(reporter)
    in_charge = agreement.staff_in_charge
    if in_charge is None:
        in_charge_name = ""
    elif staff:
        in_charge_name = in_charge.get_full_name() or in_charge.get_username()
    else:
        in_charge_name = _staff_name(in_charge)
    return {
        "parties": agreement.parties.select_related("partner__cooperative", "business"),
        "lines": lines,
        "milestones": agreement.milestones.all(),
        "timeline": timeline,
        "difficulties": agreement.difficulties.select_related("assignee")
        if staff
        else [],
        "follow_ups": agreement.follow_ups.select_related("milestone") if staff else [],
        "history": agreement.history.select_related("history_user")[:20]
        if staff
        else [],
        "can_report": not agreement.cancelled and (staff or bool(lines)),
        "own_part_only": shared,
        "staff_in_charge_name": in_charge_name,
    }


def commitments_reportable_by(*, user, agreement: Agreement) -> QuerySet:
    """Return the agreement's lines the user may report deliveries on: all
    for staff, a cooperative's own lines for its staff."""
    lines = Commitment.objects.filter(agreement=agreement).select_related("product")
    scope = user_partner_scope(user=user)
    if scope is not None:
        lines = lines.filter(partner__in=scope)
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


# --- aggregates: conference, cooperative, business, product -------------------


def _lines(
    *, agreements: QuerySet | None, today: datetime.date, include_cancelled: bool
) -> QuerySet:
    lines = Commitment.objects.all()
    if agreements is not None:
        lines = lines.filter(agreement__in=agreements.values("pk"))
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
    totals = figures.totals(today=_today(today), agreements=agreements)
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
    Cancelled agreements do not count in the values.
    """
    agreements = Agreement.objects.filter(conference=conference)
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
        agreements_count=Count("agreements")
    ).order_by("-start_date", "name")
    if limit is not None:
        conferences = conferences[:limit]
    conferences = list(conferences)
    values = figures.by_conference(today=_today(today)) if conferences else {}
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
    rows = figures.by_cooperative(today=_today(today), agreements=agreements)
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
    today = _today(today)
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
    rows = figures.by_product(today=_today(today), agreements=agreements)
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
    today = _today(today)
    reports = _verified_reports(today).filter(commitment__agreement__cancelled=False)
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
    counts.update(figures.status_counts(today=_today(today), agreements=agreements))
    return counts


def dashboard_summary(
    *, conference: Conference | None = None, today: datetime.date | None = None
) -> dict[str, Any]:
    """Return every figure of the dashboard, overall or for one conference:
    totals, statuses, difficulties, follow-ups, pending reports, and the
    series by cooperative, by product and by month. A fixed number of
    queries, whatever the size of the register."""
    today = _today(today)
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
        "agreements_count": sum(statuses.values()),
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


# --- difficulties, follow-ups, reports -----------------------------------------


def follow_up_list(
    *,
    user,
    state: str = "open",
    today: datetime.date | None = None,
) -> QuerySet:
    """Return follow-ups of visible agreements: ``open``, ``overdue``, ``due``
    (next 14 days) or ``closed``."""
    today = _today(today)
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
    today = _today(today)
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


# --- private files ----------------------------------------------------------


def agreement_document_get(*, pk: int, user) -> Agreement:
    """Return the agreement whose signed document ``user`` may download.

    Agreements staff, and the staff of a cooperative party to the agreement;
    raise Http404 for anyone else and when there is no document.
    """
    from django.http import Http404

    agreement = (
        agreements_visible_to(user=user).exclude(document="").filter(pk=pk).first()
    )
    if agreement is None:
        raise Http404
    return agreement


def delivery_evidence_get(*, pk: int, user) -> DeliveryReport:
    """Return the delivery report whose evidence ``user`` may download.

    Agreements staff, and the staff of the cooperative that made the
    delivery (the report's commitment's cooperative) -- not the other
    cooperatives of a multi-party agreement. Raise Http404 for anyone else
    and when there is no evidence.
    """
    from django.http import Http404

    reports = DeliveryReport.objects.exclude(evidence="")
    if not user_is_agreements_staff(user=user):
        reports = reports.filter(commitment__partner__in=user_partner_ids(user=user))
    report = reports.filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


__all__ = [
    "STATUS_BEHIND",
    "STATUS_CANCELLED",
    "STATUS_COMPLETED",
    "STATUS_EXPIRED",
    "STATUS_NOT_STARTED",
    "STATUS_ON_TRACK",
]


# --- party look-up (the search boxes of the filters) ---------------------------

#: How many matches the look-up answers with at most.
PARTY_LOOKUP_LIMIT = 20


def _folded(value: str) -> str:
    return fold_vi(value).casefold()


def businesses_visible_to(*, user) -> QuerySet:
    """Return the businesses a user may look up: all for staff, the parties
    to their own agreements for a cooperative's staff, none for anyone else."""
    if user_is_agreements_staff(user=user):
        return Business.objects.all()
    return Business.objects.filter(
        agreement_parties__agreement__in=agreements_visible_to(user=user)
    ).distinct()


def cooperatives_visible_to(*, user) -> QuerySet:
    """Return the cooperatives (Oscar partners) a user may look up: all for
    staff, their own and the other parties to their agreements for a
    cooperative's staff, none for anyone else."""
    if user_is_agreements_staff(user=user):
        return Partner.objects.all()
    partner_ids = user_partner_ids(user=user)
    if not partner_ids:
        return Partner.objects.none()
    return Partner.objects.filter(
        Q(pk__in=partner_ids)
        | Q(agreement_parties__agreement__in=agreements_visible_to(user=user))
    ).distinct()


def party_candidates(*, kind: str, user) -> list[tuple[int, str, str]]:
    """Return (id, name, tax code) of every business (``kind`` "business")
    or cooperative ("cooperative") the user may look up, by name.

    A cooperative is named and coded by its profile once it has one. Three
    columns of a few hundred rows: read whole and matched in Python, so the
    match ignores diacritics the same way on PostgreSQL and SQLite.
    """
    if kind == "business":
        rows = businesses_visible_to(user=user).values_list("pk", "name", "tax_code")
    else:
        rows = (
            cooperatives_visible_to(user=user)
            .annotate(
                shown_name=Coalesce("cooperative__name", "name"),
                shown_tax_code=Coalesce("cooperative__tax_code", Value("")),
            )
            .values_list("pk", "shown_name", "shown_tax_code")
        )
    return sorted(rows, key=lambda row: (_folded(row[1]), row[0]))


def party_search(
    *,
    candidates: list[tuple[int, str, str]],
    query: str,
    limit: int = PARTY_LOOKUP_LIMIT,
) -> list[tuple[int, str, str]]:
    """Return at most ``limit`` candidates whose name contains ``query``
    (diacritics and case ignored) or whose tax code starts with it; names
    that start with it first."""
    needle = _folded(" ".join(query.split()))
    if not needle:
        return []
    starts, contains = [], []
    for row in candidates:
        name = _folded(row[1])
        if name.startswith(needle) or (row[2] and row[2].startswith(needle)):
            starts.append(row)
        elif needle in name:
            contains.append(row)
        if len(starts) >= limit:
            break
    return (starts + contains)[:limit]


def party_resolve(
    *, candidates: list[tuple[int, str, str]], text: str, pk: int | None = None
) -> list[tuple[int, str, str]]:
    """Return the candidates that ``text`` (a name or tax code, as typed) or
    ``pk`` (a chosen id) designates: one when it is clear, several when the
    text is ambiguous, none when nothing matches.

    A chosen id wins unless the text was changed to name another party.
    The text is read as an exact tax code, then (digits alone) as the id
    of an older link, then an exact name (diacritics and case ignored),
    then a part of a name.
    """
    text = " ".join(text.split())
    needle = _folded(text)
    if pk is not None:
        chosen = [row for row in candidates if row[0] == pk]
        if chosen and (not needle or needle in (_folded(chosen[0][1]), chosen[0][2])):
            return chosen
    if not needle:
        return []
    for matches in (
        [row for row in candidates if row[2] and row[2] == text],
        [row for row in candidates if text.isdigit() and row[0] == int(text)],
        [row for row in candidates if _folded(row[1]) == needle],
        [row for row in candidates if needle in _folded(row[1])],
    ):
        if matches:
            return matches
    return []
