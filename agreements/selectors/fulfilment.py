"""The fulfilment figures of lines and agreements, as query expressions.

The shared pieces of every read of the register: the portable SQL
functions (``DayNumber``, ``RoundHalfUp``), the verified reports that
count, and the annotations that add delivered, expected and capped values
and the derived status (``agreements.status``) to commitments and
agreements. ``agreements.figures`` computes the same figures set-based,
in raw SQL, for whole registers.

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

Status, in order of precedence (declared once, in ``agreements.status``):
cancelled (set by hand); completed (every line fully delivered by value);
expired unfulfilled (past its end, not completed); behind (capped delivered
value short of expected); not started (nothing delivered, nothing expected
yet); on track.

Every function takes ``today`` so that tests and reports can ask "as of".
"""

import datetime
from decimal import Decimal

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
from django.db.models.functions import Cast, Coalesce, Least, Round
from django.utils import timezone

from ..models import Agreement, Commitment, DeliveryReport, Milestone
from ..status import status_case


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


#: An agreement's status: the fields of ``agreements_with_fulfilment``.
AGREEMENT_STATUS_FIELDS = {
    "draft": "is_draft",
    "cancelled": "cancelled",
    "committed": "committed_value",
    "capped": "capped_value",
    "expected": "expected_value",
    "end": "valid_until",
}


def day_number(day: datetime.date) -> int:
    """Return the days since 1970-01-01 of a date (``DayNumber`` in Python)."""
    return (day - datetime.date(1970, 1, 1)).days


def as_of(today: datetime.date | None) -> datetime.date:
    """Return the date the figures are asked at: ``today``, else today."""
    return today or timezone.localdate()


def verified_reports(today: datetime.date) -> QuerySet:
    """Return the reports that count at ``today``: verified, dated by then."""
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
    today = as_of(today)
    queryset = Commitment.objects.all() if queryset is None else queryset
    reports = verified_reports(today).filter(commitment=OuterRef("pk"))
    today_n = day_number(today)
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
    today = as_of(today)
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
        status=status_case(today=today, fields=AGREEMENT_STATUS_FIELDS),
    )
