"""Set-based fulfilment figures for large registers, in one SQL statement each.

``selectors.fulfilment.commitments_with_fulfilment`` computes the same
figures per line, which is right for one agreement's lines. Here every line is read once
with its verified deliveries from its stored cache (``Commitment.verified_*``,
kept by ``services.commitment_deliveries_refresh``; less the reports dated
after the "as of" date, which are none for today's figures), the schedule share
is computed once per agreement, and expected-to-date from the line's period:
one pass over the lines, never over the delivery reports.

The definitions are those of ``selectors.fulfilment`` (see its docstring),
and the statuses those of ``status.py``; the tests check both
give the same numbers. Only two pieces of SQL differ between PostgreSQL and
SQLite: the day number of a date and the two-argument minimum.
"""

import datetime
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from .models import Agreement
from .status import LIVE_STATUSES, status_sql

#: The derived status of an agreement ``a`` with its figures ``f``: the
#: declaration of ``status.py``, as SQL.
STATUS_SQL = status_sql(
    columns={
        "draft": "a.is_draft",
        "cancelled": "a.cancelled",
        "committed": "f.committed",
        "capped": "f.capped",
        "expected": "f.expected",
        "end": "a.valid_until",
        "today": "%(today)s",
    }
)


def _vendor_sql() -> dict[str, str]:
    if connection.vendor == "postgresql":
        return {
            "day_start": "(c.period_start - DATE '1970-01-01')",
            "day_end": "(c.period_end - DATE '1970-01-01')",
            "least": "LEAST",
            "today_param": "%(today)s::date",
            "float": "DOUBLE PRECISION",
            # Halves up, as selectors.fulfilment.RoundHalfUp rounds.
            "round": "FLOOR({} + 0.5)",
            # Read by several branches of the dashboard's statement: compute once.
            "materialized": "MATERIALIZED",
        }
    return {
        "day_start": "CAST(julianday(c.period_start) - 2440587.5 AS INTEGER)",
        "day_end": "CAST(julianday(c.period_end) - 2440587.5 AS INTEGER)",
        "least": "MIN",
        "today_param": "%(today)s",
        "float": "REAL",
        "round": "CAST({} + 0.5 AS INTEGER)",
        "materialized": "",
    }


def _agreement_ids_sql(agreements: QuerySet | None) -> tuple[str, list]:
    if agreements is None:
        return "", []
    sql, params = agreements.order_by().values("pk").query.sql_with_params()
    return f" AND c.agreement_id IN ({sql})", list(params)


def _named_where(agreements: QuerySet | None) -> tuple[str, list]:
    """Return the agreement filter on ``c.agreement_id`` with named
    parameters only (the positional ones renamed p0, p1...)."""
    where, sub_params = _agreement_ids_sql(agreements)
    for index in range(len(sub_params)):
        where = where.replace("%s", f"%(p{index})s", 1)
    return where, sub_params


def _agreement_where(agreements: QuerySet | None) -> tuple[str, dict[str, Any]]:
    """Return the agreement filter on ``a.id`` and its parameters, named
    q0, q1... (beside the lines' p0, p1... in the same statement)."""
    where, sub_params = _agreement_ids_sql(agreements)
    where = where.replace("c.agreement_id", "a.id")
    for index in range(len(sub_params)):
        where = where.replace("%s", f"%(q{index})s", 1)
    return where, {f"q{i}": value for i, value in enumerate(sub_params)}


def lines_cte(
    *,
    today: datetime.date,
    agreements: QuerySet | None = None,
    live_only: bool = False,
    materialize: bool = False,
) -> tuple[str, dict[str, Any]]:
    """Return ``WITH lines AS (...)`` with one row per commitment and its
    ``delivered_quantity``, ``delivered``, ``capped``, ``expected``, and the
    parameters (named) to run it with. The lines of drafts are always left
    out; ``live_only`` also leaves out those of cancelled agreements;
    ``materialize`` computes the lines once for a statement that reads them
    more than once (PostgreSQL otherwise inlines a CTE read once, and can
    then filter before it computes)."""
    v = _vendor_sql()
    materialized = v["materialized"] if materialize else ""
    where, sub_params = _named_where(agreements)
    # A draft's lines are not commitments yet: no figure counts them.
    left_out = "x.is_draft OR x.cancelled" if live_only else "x.is_draft"
    where += f""" AND NOT EXISTS (
    SELECT 1 FROM agreements_agreement x
    WHERE x.id = c.agreement_id AND ({left_out}))"""
    params: dict[str, Any] = {
        "today": today,
        "today_n": (today - datetime.date(1970, 1, 1)).days,
    }
    params.update({f"p{i}": value for i, value in enumerate(sub_params)})
    # Expected-to-date as ``commitments_with_fulfilment`` computes it, in
    # floating point and rounded halves up (``selectors.fulfilment.
    # RoundHalfUp``): one definition, so the list's "behind" filter and the
    # status it shows agree.
    f = v["float"]
    fraction = f"""CASE
           WHEN s.agreement_id IS NOT NULL THEN CAST(s.share AS {f}) / 100.0
           WHEN c.period_start > {v["today_param"]} THEN 0.0
           WHEN c.period_end <= {v["today_param"]} THEN 1.0
           ELSE CAST(%(today_n)s + 1 - {v["day_start"]} AS {f})
                / CAST({v["day_end"]} - {v["day_start"]} + 1 AS {f})
         END"""
    expected = v["round"].format(f"CAST(c.value AS {f}) * {fraction}")
    # Each line's verified deliveries come from its cache (Commitment.
    # verified_*, kept by services.commitment_deliveries_refresh), less the
    # verified reports dated after ``today`` when the question is "as of" a
    # past date: an index range scan that finds nothing for today's figures.
    sql = f"""
WITH late AS (
  SELECT r.commitment_id, SUM(r.quantity) AS qty, CAST(SUM(r.value) AS BIGINT) AS val
  FROM agreements_deliveryreport r
  WHERE r.verified_at IS NOT NULL AND r.delivered_on > {v["today_param"]}
  GROUP BY r.commitment_id
), schedule AS (
  SELECT m.agreement_id,
         MAX(CASE WHEN m.due_on <= {v["today_param"]} THEN m.share ELSE 0 END) AS share
  FROM agreements_milestone m
  GROUP BY m.agreement_id
), lines AS {materialized} (
  SELECT c.id, c.agreement_id, c.partner_id, c.product_id, c.goods, c.unit,
         c.quantity, c.value,
         c.verified_quantity - COALESCE(d.qty, 0) AS delivered_quantity,
         c.verified_value - COALESCE(d.val, 0) AS delivered,
         {v["least"]}(c.verified_value - COALESCE(d.val, 0), c.value) AS capped,
         CAST({expected} AS BIGINT) AS expected
  FROM agreements_commitment c
  LEFT JOIN late d ON d.commitment_id = c.id
  LEFT JOIN schedule s ON s.agreement_id = c.agreement_id
  WHERE 1 = 1{where}
)"""
    return sql, params


def _run(sql: str, params: dict[str, Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def totals(
    *, today: datetime.date, agreements: QuerySet | None = None
) -> dict[str, int]:
    """Return committed, delivered, capped and expected value, cancelled
    agreements excluded."""
    cte, params = lines_cte(today=today, agreements=agreements)
    (row,) = _run(
        cte
        + """
SELECT COALESCE(SUM(l.value), 0), COALESCE(SUM(l.delivered), 0),
       COALESCE(SUM(l.capped), 0), COALESCE(SUM(l.expected), 0)
FROM lines l JOIN agreements_agreement a ON a.id = l.agreement_id
WHERE NOT a.cancelled""",
        params,
    )
    keys = ("committed_value", "delivered_value", "capped_value", "expected_value")
    return {key: int(value) for key, value in zip(keys, row, strict=True)}


def by_cooperative(
    *, today: datetime.date, agreements: QuerySet | None = None
) -> list[tuple]:
    """Return (partner id, name, committed, delivered, capped, expected) rows."""
    cte, params = lines_cte(today=today, agreements=agreements)
    return _run(
        cte
        + """
SELECT p.id, p.name, SUM(l.value), SUM(l.delivered), SUM(l.capped), SUM(l.expected)
FROM lines l JOIN agreements_agreement a ON a.id = l.agreement_id
JOIN partner_partner p ON p.id = l.partner_id
WHERE NOT a.cancelled
GROUP BY p.id, p.name ORDER BY p.name""",
        params,
    )


def by_product(
    *, today: datetime.date, agreements: QuerySet | None = None
) -> list[tuple]:
    """Return (product id, title, goods, unit, committed qty, delivered qty,
    committed, delivered, capped) rows."""
    cte, params = lines_cte(today=today, agreements=agreements)
    return _run(
        cte
        + """
SELECT l.product_id, pr.title, l.goods, l.unit,
       SUM(l.quantity), SUM(l.delivered_quantity),
       SUM(l.value), SUM(l.delivered), SUM(l.capped)
FROM lines l JOIN agreements_agreement a ON a.id = l.agreement_id
LEFT JOIN catalogue_product pr ON pr.id = l.product_id
WHERE NOT a.cancelled
GROUP BY l.product_id, pr.title, l.goods, l.unit
ORDER BY pr.title, l.goods, l.unit""",
        params,
    )


def _per_agreement(cte: str) -> str:
    return (
        cte
        + """, figures AS (
  SELECT l.agreement_id, SUM(l.value) AS committed, SUM(l.capped) AS capped,
         SUM(l.expected) AS expected
  FROM lines l GROUP BY l.agreement_id
)"""
    )


def status_counts(
    *, today: datetime.date, agreements: QuerySet | None = None
) -> dict[str, int]:
    """Return {status: number of agreements}."""
    cte, params = lines_cte(today=today, agreements=agreements, live_only=True)
    where, where_params = _agreement_where(agreements)
    params.update(where_params)
    rows = _run(
        _per_agreement(cte)
        + f"""
SELECT {STATUS_SQL} AS status, COUNT(*)
FROM agreements_agreement a
LEFT JOIN figures f ON f.agreement_id = a.id
WHERE 1 = 1{where}
GROUP BY 1""",
        params,
    )
    return {status: count for status, count in rows}


def agreement_ids_with_status(
    *, today: datetime.date, statuses: list[str], agreements: QuerySet | None = None
) -> tuple[str, dict[str, Any]]:
    """Return SQL (and its parameters) selecting the ids of the agreements in
    one of ``statuses``, for ``pk__in=RawSQL(...)``.

    "Behind", "not started" and "on track" follow "cancelled" and "expired"
    in the order of ``STATUS_SQL``: an agreement in one of them is live and
    valid today, so only those agreements' lines are read (a third of a
    register of ten years)."""
    if set(statuses) <= LIVE_STATUSES:
        agreements = (
            Agreement.objects.all() if agreements is None else agreements
        ).filter(cancelled=False, valid_until__gte=today)
    cte, params = lines_cte(today=today, agreements=agreements, live_only=True)
    # Only the agreements asked about get a status (not the whole register).
    where, where_params = _agreement_where(agreements)
    params.update(where_params)
    placeholders = ", ".join(f"%(s{i})s" for i in range(len(statuses)))
    params.update({f"s{i}": status for i, status in enumerate(statuses)})
    sql = (
        _per_agreement(cte)
        + f"""
SELECT a.id FROM agreements_agreement a LEFT JOIN figures f ON f.agreement_id = a.id
WHERE {STATUS_SQL} IN ({placeholders}){where}"""
    )
    return sql, params


def agreement_ids_in_status(
    *, today: datetime.date, statuses: list[str], agreements: QuerySet | None = None
) -> list[int]:
    sql, params = agreement_ids_with_status(
        today=today, statuses=statuses, agreements=agreements
    )
    return [row[0] for row in _run(sql, params)]


__all__ = [
    "Agreement",
    "agreement_ids_in_status",
    "by_cooperative",
    "by_product",
    "status_counts",
    "totals",
]


def positional(sql: str, params: dict[str, Any]) -> tuple[str, list]:
    """Return ``sql`` with %s placeholders and its parameters in order, for
    ``RawSQL``."""
    import re

    pattern = re.compile(r"%\((\w+)\)s")
    names = pattern.findall(sql)
    return pattern.sub("%s", sql), [params[name] for name in names]


def by_conference(*, today: datetime.date) -> dict[int, tuple]:
    """Return {conference id: (committed, delivered, capped)}, cancelled
    agreements excluded."""
    cte, params = lines_cte(today=today)
    rows = _run(
        cte
        + """
SELECT a.conference_id, SUM(l.value), SUM(l.delivered), SUM(l.capped)
FROM lines l JOIN agreements_agreement a ON a.id = l.agreement_id
WHERE NOT a.cancelled AND a.conference_id IS NOT NULL
GROUP BY a.conference_id""",
        params,
    )
    return {row[0]: tuple(int(x or 0) for x in row[1:]) for row in rows}


def _stored_months_sql(v: dict, text: str, month: str, one_conference: bool) -> str:
    """The month series from ``DeliveryMonth`` (live agreements, all dates):
    the months up to today's, less the verified reports dated after
    ``today`` (an index range scan that finds none for today's figures); a
    month left with nothing is not one the reports would give."""
    where_m = " AND m.conference_id = %(conference_id)s" if one_conference else ""
    where_a = " AND a.conference_id = %(conference_id)s" if one_conference else ""
    return f"""SELECT 'month', {text % "t.month"}, NULL, NULL, SUM(t.value),
       NULL, NULL, NULL, NULL, NULL
FROM (
  SELECT m.month, m.value FROM agreements_deliverymonth m WHERE 1 = 1{where_m}
  UNION ALL
  SELECT {month}, -CAST(r.value AS BIGINT)
  FROM agreements_deliveryreport r
  JOIN agreements_commitment c ON c.id = r.commitment_id
  JOIN agreements_agreement a ON a.id = c.agreement_id
  WHERE r.verified_at IS NOT NULL AND r.delivered_on > {v["today_param"]}
    AND NOT a.cancelled{where_a}
) t
WHERE t.month <= {v["today_param"]}
GROUP BY t.month
HAVING SUM(t.value) > 0"""


def dashboard(
    *,
    today: datetime.date,
    agreements: QuerySet | None = None,
    conference_id: int | None = None,
) -> dict[str, Any]:
    """Return every aggregate of the dashboard from one statement.

    The lines are computed once (PostgreSQL materialises a CTE that is read
    more than once) and grouped three ways: by cooperative, by product and
    by status (per agreement). The month series reads the stored months
    (``DeliveryMonth``) overall or for one conference (``conference_id``,
    with ``agreements`` that conference's), less the reports dated after
    ``today``; for any other ``agreements`` it groups the reports.
    """
    # Cancelled agreements count only in the statuses, where the figures of
    # their lines do not matter: the lines are those of live agreements.
    cte, params = lines_cte(
        today=today, agreements=agreements, live_only=True, materialize=True
    )
    v = _vendor_sql()
    month = (
        "CAST(date_trunc('month', r.delivered_on) AS date)"
        if connection.vendor == "postgresql"
        else "strftime('%%Y-%%m-01', r.delivered_on)"
    )
    where, sub_params = _agreement_ids_sql(agreements)
    where_a = where.replace("c.agreement_id", "a.id")
    for index in range(len(sub_params)):
        where_a = where_a.replace("%s", f"%(q{index})s", 1)
    params.update({f"q{i}": value for i, value in enumerate(sub_params)})
    # The month series sums the verified reports per day, then the days per
    # month, leaving out cancelled agreements' lines (few) rather than
    # joining every report to its line.
    where_c, _params = _named_where(agreements)
    only = (
        f" AND r.commitment_id IN (SELECT c.id FROM agreements_commitment c"
        f" WHERE 1 = 1{where_c})"
        if agreements is not None
        else ""
    )
    text = "CAST(%s AS VARCHAR(255))"
    if agreements is None or conference_id is not None:
        month_sql = _stored_months_sql(v, text, month, conference_id is not None)
        params["conference_id"] = conference_id
    else:
        month_sql = f"""SELECT 'month', {text % month}, NULL, NULL, SUM(r.value),
       NULL, NULL, NULL, NULL, NULL
FROM (
  SELECT r.delivered_on, SUM(r.value) AS value
  FROM agreements_deliveryreport r
  WHERE r.verified_at IS NOT NULL AND r.delivered_on <= {v["today_param"]}
    AND r.commitment_id NOT IN (
      SELECT x.id FROM agreements_commitment x
      JOIN agreements_agreement xa ON xa.id = x.agreement_id WHERE xa.cancelled){only}
  GROUP BY r.delivered_on
) r
GROUP BY 2"""
    sql = (
        _per_agreement(cte)
        + f"""
SELECT 'coop', {text % "p.id"}, p.name, NULL, SUM(l.value), SUM(l.delivered),
       SUM(l.capped), SUM(l.expected), NULL, NULL
FROM lines l JOIN partner_partner p ON p.id = l.partner_id
GROUP BY p.id, p.name
UNION ALL
SELECT 'product', {text % "l.product_id"}, COALESCE(pr.title, l.goods), l.unit,
       SUM(l.value), SUM(l.delivered), SUM(l.capped), NULL,
       SUM(l.quantity), SUM(l.delivered_quantity)
FROM lines l LEFT JOIN catalogue_product pr ON pr.id = l.product_id
GROUP BY l.product_id, pr.title, l.goods, l.unit
UNION ALL
SELECT 'status', {STATUS_SQL}, NULL, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL
FROM agreements_agreement a LEFT JOIN figures f ON f.agreement_id = a.id
WHERE 1 = 1{where_a}
GROUP BY 2
UNION ALL
{month_sql}"""
    )
    result: dict[str, Any] = {"coop": [], "product": [], "status": {}, "month": []}
    for kind, key, name, unit, n1, n2, n3, n4, n5, n6 in _run(sql, params):
        if kind == "status":
            result["status"][key] = int(n1)
        elif kind == "month":
            result["month"].append((key, int(n1)))
        elif kind == "coop":
            result["coop"].append((int(key), name, n1, n2, n3, n4))
        else:
            result["product"].append((key and int(key), name, unit, n1, n2, n3, n5, n6))
    result["coop"].sort(key=lambda row: row[1])
    result["product"].sort(key=lambda row: (row[1] or "", row[2]))
    result["month"].sort()
    return result
