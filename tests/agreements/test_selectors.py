"""Fulfilment, expected-to-date and derived status, with exact figures."""

import datetime
from decimal import Decimal

import pytest

from agreements.models import Agreement
from agreements.selectors.aggregates import (
    conference_list_recent,
    conference_outcome,
    dashboard_summary,
    fulfilment_by_cooperative,
    fulfilment_by_product,
)
from agreements.selectors.agreement import agreement_fulfilment, commitment_list
from agreements.selectors.lists import agreement_list
from agreements.status import (
    STATUS_BEHIND,
    STATUS_CANCELLED,
    STATUS_COMPLETED,
    STATUS_EXPIRED,
    STATUS_NOT_STARTED,
    STATUS_ON_TRACK,
)
from tests.factories.agreements import (
    agreement_create,
    conference_create,
    cooperative_create,
    report_create,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _line(agreement, today):
    return commitment_list(agreement=agreement, today=today).get()


def _status(agreement, today):
    return agreement_fulfilment(agreement=agreement, today=today)["status"]


def test_commitment_fulfilment_by_quantity_and_value_counts_verified_reports_only():
    # Given 100 kg worth 10,000,000 dong, 30 kg verified, 20 kg pending
    agreement = agreement_create()
    line = agreement.commitments.get()
    report_create(
        commitment=line, delivered_on=D(2024, 5, 10), quantity=30, value=3_000_000
    )
    report_create(
        commitment=line,
        delivered_on=D(2024, 5, 20),
        quantity=20,
        value=2_000_000,
        verified=False,
    )

    row = _line(agreement, D(2024, 6, 1))

    assert row.delivered_quantity == Decimal("30.00")
    assert row.delivered_value == 3_000_000
    assert row.capped_value == 3_000_000
    assert row.pending_count == 1


def test_reports_after_today_do_not_count_yet():
    agreement = agreement_create()
    line = agreement.commitments.get()
    report_create(commitment=line, delivered_on=D(2024, 7, 10), value=4_000_000)

    assert _line(agreement, D(2024, 7, 9)).delivered_value == 0
    assert _line(agreement, D(2024, 7, 10)).delivered_value == 4_000_000


@pytest.mark.parametrize(
    "today, expected_value, expected_quantity",
    [
        (D(2024, 4, 30), 0, Decimal("0")),  # before the period
        (D(2024, 5, 1), 100_000, Decimal("1.00")),  # first of 100 days
        (D(2024, 5, 25), 2_500_000, Decimal("25.00")),  # 25 of 100 days
        (D(2024, 8, 8), 10_000_000, Decimal("100.00")),  # last day
        (D(2025, 1, 1), 10_000_000, Decimal("100.00")),  # after the period
    ],
)
def test_expected_to_date_is_pro_rata_over_the_period_without_a_schedule(
    today, expected_value, expected_quantity
):
    # 1 May to 8 Aug 2024 is 100 days, both ends included
    agreement = agreement_create(
        lines=[{"period_start": D(2024, 5, 1), "period_end": D(2024, 8, 8)}]
    )

    row = _line(agreement, today)

    assert row.has_schedule is False
    assert row.expected_value == expected_value
    assert row.expected_quantity == expected_quantity


@pytest.mark.parametrize(
    "today, expected_value",
    [
        (D(2024, 5, 31), 0),
        (D(2024, 6, 1), 3_000_000),  # 30 % due on 1 June
        (D(2024, 8, 31), 3_000_000),
        (D(2024, 9, 1), 7_500_000),  # 75 % due on 1 September
        (D(2024, 12, 1), 10_000_000),  # everything due on 1 December
    ],
)
def test_expected_to_date_follows_the_schedule_when_there_is_one(today, expected_value):
    agreement = agreement_create(
        milestones=[(D(2024, 6, 1), 30), (D(2024, 9, 1), 75), (D(2024, 12, 1), 100)]
    )

    row = _line(agreement, today)

    assert row.has_schedule is True
    assert row.expected_value == expected_value


def test_each_derived_status_at_chosen_dates():
    # Valid 1 May - 31 Dec 2024, one line of 10,000,000 pro rata over it.
    agreement = agreement_create(
        signed_on=D(2024, 4, 20), valid_from=D(2024, 5, 1), valid_until=D(2024, 12, 31)
    )
    line = agreement.commitments.get()
    report_create(commitment=line, delivered_on=D(2024, 6, 1), value=4_000_000)

    # nothing expected, nothing delivered
    assert _status(agreement, D(2024, 4, 25)) == STATUS_NOT_STARTED
    # 1 May: 1/245 expected, nothing delivered yet
    assert _status(agreement, D(2024, 5, 10)) == STATUS_BEHIND
    # 4,000,000 delivered by 1 June, 32/245 of 10,000,000 = 1,306,122 expected
    assert _status(agreement, D(2024, 6, 1)) == STATUS_ON_TRACK
    # by 1 Sept, 124/245 = 5,061,224 expected
    assert _status(agreement, D(2024, 9, 1)) == STATUS_BEHIND
    # after 31 Dec, not completed
    assert _status(agreement, D(2025, 1, 1)) == STATUS_EXPIRED

    report_create(commitment=line, delivered_on=D(2024, 10, 1), value=6_000_000)
    assert _status(agreement, D(2024, 10, 1)) == STATUS_COMPLETED
    assert _status(agreement, D(2025, 1, 1)) == STATUS_COMPLETED

    Agreement.objects.filter(pk=agreement.pk).update(cancelled=True, cancel_reason="x")
    assert _status(agreement, D(2024, 10, 1)) == STATUS_CANCELLED


def test_agreement_figures_cap_each_line_so_over_delivery_hides_no_shortfall():
    # Two lines of 10,000,000 each: the first delivered 15,000,000, the second 0
    partner = cooperative_create()
    agreement = agreement_create(
        partner=partner,
        lines=[{"value": 10_000_000}, {"value": 10_000_000, "goods": "Quýt"}],
    )
    first, _second = agreement.commitments.order_by("pk")
    report_create(commitment=first, delivered_on=D(2024, 6, 1), value=15_000_000)

    figures = agreement_fulfilment(agreement=agreement, today=D(2024, 6, 1))

    assert figures["committed_value"] == 20_000_000
    assert figures["delivered_value"] == 15_000_000
    assert figures["capped_value"] == 10_000_000
    assert figures["fulfilment_percent"] == 50.0


def test_conference_outcome_totals_exclude_cancelled_agreements():
    conference = conference_create()
    a = agreement_create(conference=conference, lines=[{"value": 8_000_000}])
    b = agreement_create(conference=conference, lines=[{"value": 12_000_000}])
    c = agreement_create(conference=conference, lines=[{"value": 50_000_000}])
    Agreement.objects.filter(pk=c.pk).update(cancelled=True, cancel_reason="Hủy")
    agreement_create(lines=[{"value": 99_000_000}])  # another conference's
    report_create(
        commitment=a.commitments.get(), delivered_on=D(2024, 6, 1), value=8_000_000
    )
    report_create(
        commitment=b.commitments.get(), delivered_on=D(2024, 6, 1), value=3_000_000
    )

    outcome = conference_outcome(conference=conference, today=D(2024, 7, 1))

    assert outcome == {
        "agreements_count": 3,
        "committed_value": 20_000_000,
        "delivered_value": 11_000_000,
        "fulfilment_percent": 55.0,
    }


def test_conference_outcome_without_commitments_has_no_percent():
    conference = conference_create()

    outcome = conference_outcome(conference=conference)

    assert outcome["agreements_count"] == 0
    assert outcome["fulfilment_percent"] is None


def test_conference_list_recent_annotates_figures_most_recent_first(count_queries):
    old = conference_create(start_date=D(2023, 4, 1))
    new = conference_create(start_date=D(2024, 4, 1))
    agreement = agreement_create(conference=new, lines=[{"value": 4_000_000}])
    report_create(
        commitment=agreement.commitments.get(),
        delivered_on=D(2024, 6, 1),
        value=1_000_000,
    )

    conferences, queries = count_queries(
        conference_list_recent, limit=3, today=D(2024, 7, 1)
    )

    assert [c.pk for c in conferences] == [new.pk, old.pk]
    assert queries == 2
    assert (conferences[0].agreements_count, conferences[0].committed_value) == (
        1,
        4_000_000,
    )
    assert conferences[0].delivered_value == 1_000_000
    assert conferences[0].fulfilment_percent == 25.0
    assert conferences[1].fulfilment_percent is None


def test_fulfilment_by_cooperative_and_product():
    a_coop = cooperative_create(name="HTX A")
    b_coop = cooperative_create(name="HTX B")
    a = agreement_create(
        partner=a_coop, lines=[{"goods": "Na", "quantity": 200, "value": 6_000_000}]
    )
    b = agreement_create(
        partner=b_coop, lines=[{"goods": "Na", "quantity": 100, "value": 4_000_000}]
    )
    report_create(
        commitment=a.commitments.get(),
        delivered_on=D(2024, 6, 1),
        quantity=50,
        value=1_500_000,
    )
    report_create(
        commitment=b.commitments.get(),
        delivered_on=D(2024, 6, 1),
        quantity=100,
        value=4_000_000,
    )
    today = D(2024, 7, 1)

    by_coop = fulfilment_by_cooperative(today=today)
    by_product = fulfilment_by_product(today=today)

    assert [
        (r["partner__name"], r["committed"], r["delivered"], r["percent"])
        for r in by_coop
    ] == [
        ("HTX A", 6_000_000, 1_500_000, 25.0),
        ("HTX B", 4_000_000, 4_000_000, 100.0),
    ]
    assert len(by_product) == 1
    assert by_product[0]["label"] == "Na"
    assert by_product[0]["committed_quantity"] == Decimal("300.00")
    assert by_product[0]["delivered_quantity"] == Decimal("150.00")
    assert by_product[0]["quantity_percent"] == 50.0
    assert by_product[0]["percent"] == 55.0


def test_list_filters_behind_and_the_dashboard_counts_them(count_queries):
    conference = conference_create()
    behind = agreement_create(conference=conference)
    on_track = agreement_create(conference=conference)
    report_create(
        commitment=on_track.commitments.get(),
        delivered_on=D(2024, 5, 2),
        value=9_000_000,
    )
    today = D(2024, 7, 1)

    rows = agreement_list(filters={"behind": True}, today=today)
    summary = dashboard_summary(conference=conference, today=today)

    assert [a.pk for a in rows] == [behind.pk]
    assert summary["behind_count"] == 1
    assert summary["agreements_count"] == 2
    assert summary["committed_value"] == 20_000_000
    assert summary["delivered_value"] == 9_000_000
    assert summary["fulfilment_percent"] == 45.0


def test_agreement_list_query_count_does_not_grow(count_queries):
    today = D(2024, 7, 1)
    agreement_create()

    _rows, few = count_queries(lambda: list(agreement_list(today=today)))
    for _ in range(5):
        agreement_create(lines=[{}, {"goods": "Hồi"}])
    rows, many = count_queries(lambda: list(agreement_list(today=today)))

    assert len(rows) == 6
    assert few == many == 1
