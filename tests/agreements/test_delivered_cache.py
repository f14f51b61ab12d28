"""Each line's stored cache of verified deliveries equals the sum of its
verified reports after every kind of change, and the figures read from it
match the figures summed from the reports."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.db.models import Max, Sum
from django.db.models.functions import TruncMonth
from django.forms.models import fields_for_model
from django.test import RequestFactory
from django.utils import timezone

from agreements import figures, services
from agreements.admin import CommitmentInline
from agreements.forms import CommitmentFormSet
from agreements.models import Agreement, Commitment, DeliveryMonth, DeliveryReport
from agreements.selectors.aggregates import dashboard_summary, fulfilment_over_time
from agreements.selectors.agreement import commitment_list
from tests.factories.agreements import (
    agreement_create,
    conference_create,
    cooperative_user_create,
    report_create,
    staff_user_create,
    user_create,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _assert_cache_matches_reports(*lines: Commitment) -> None:
    for line in lines:
        line.refresh_from_db()
        computed = DeliveryReport.objects.filter(
            commitment=line, verified_at__isnull=False
        ).aggregate(q=Sum("quantity"), v=Sum("value"), last=Max("delivered_on"))
        assert line.verified_quantity == (computed["q"] or Decimal(0))
        assert line.verified_value == (computed["v"] or 0)
        assert line.verified_until == computed["last"]
    _assert_months_match_reports()


def _assert_months_match_reports() -> None:
    """The stored months equal the verified reports of live agreements
    grouped by conference and month."""
    computed = {
        (row["commitment__agreement__conference"], row["month"]): row["total"]
        for row in DeliveryReport.objects.filter(
            verified_at__isnull=False, commitment__agreement__cancelled=False
        )
        .annotate(month=TruncMonth("delivered_on"))
        .values("commitment__agreement__conference", "month")
        .annotate(total=Sum("value"))
    }
    stored = {
        (row.conference_id, row.month): row.value for row in DeliveryMonth.objects.all()
    }
    assert stored == computed
    assert DeliveryMonth.objects.count() == len(computed)


@pytest.fixture
def two_lines():
    agreement = agreement_create(
        lines=[{"goods": "Na", "unit": "kg"}, {"goods": "Hồi", "unit": "kg"}]
    )
    return agreement, *agreement.commitments.order_by("pk")


def test_cache_follows_recording_verifying_rejecting_and_deleting(two_lines):
    agreement, first, second = two_lines
    staff = staff_user_create()
    coop_user = cooperative_user_create(partner=first.partner)
    today = D(2024, 8, 1)
    _assert_cache_matches_reports(first, second)

    services.delivery_report_record(
        commitment=first,
        user=staff,
        delivered_on=D(2024, 6, 1),
        quantity=Decimal(30),
        value=3_000_000,
        today=today,
    )
    _assert_cache_matches_reports(first, second)
    assert first.verified_value == 3_000_000

    pending = services.delivery_report_record(
        commitment=first,
        user=coop_user,
        delivered_on=D(2024, 7, 1),
        quantity=Decimal(10),
        value=1_000_000,
        today=today,
    )
    _assert_cache_matches_reports(first)
    assert first.verified_value == 3_000_000

    services.delivery_report_verify(report=pending, user=staff)
    _assert_cache_matches_reports(first)
    assert first.verified_value == 4_000_000
    assert first.verified_until == D(2024, 7, 1)

    rejected = services.delivery_report_record(
        commitment=second,
        user=coop_user,
        delivered_on=D(2024, 7, 5),
        quantity=Decimal(5),
        value=500_000,
        today=today,
    )
    services.delivery_report_reject(report=rejected, user=staff, reason="Sai số")
    _assert_cache_matches_reports(first, second)
    assert second.verified_value == 0

    pending.delete()
    _assert_cache_matches_reports(first)
    assert first.verified_value == 3_000_000


def test_cache_follows_edits_moves_bulk_writes_and_queryset_updates(two_lines):
    _agreement, first, second = two_lines
    report = report_create(commitment=first, delivered_on=D(2024, 6, 1), value=2_000)
    _assert_cache_matches_reports(first, second)

    # An edit outside the services (the admin, a shell): value, then line.
    report.value = 5_000
    report.save()
    _assert_cache_matches_reports(first)
    report.commitment = second
    report.save()
    _assert_cache_matches_reports(first, second)
    assert first.verified_value == 0
    assert second.verified_value == 5_000

    # Bulk writes send no signal: the bulk services refresh the lines.
    services.delivery_reports_bulk_create(
        reports=[
            DeliveryReport(
                commitment=line,
                delivered_on=D(2024, 6, 10),
                quantity=Decimal(3),
                unit="kg",
                value=700,
                verified_at=timezone.now() if line == first else None,
            )
            for line in (first, second)
        ]
    )
    _assert_cache_matches_reports(first, second)
    assert first.verified_value == 700

    services.delivery_reports_update(
        reports=DeliveryReport.objects.filter(commitment=second),
        verified_at=timezone.now(),
    )
    _assert_cache_matches_reports(second)
    assert second.verified_value == 5_700

    reports = list(DeliveryReport.objects.filter(commitment=second))
    for item in reports:
        item.value += 1
    services.delivery_reports_bulk_update(reports=reports, fields=["value"])
    _assert_cache_matches_reports(second)
    assert second.verified_value == 5_702

    DeliveryReport.objects.filter(commitment=second).delete()
    _assert_cache_matches_reports(first, second)
    assert second.verified_value == 0


def test_saving_a_line_loaded_before_a_delivery_keeps_the_cache(two_lines):
    _agreement, first, _second = two_lines
    stale = Commitment.objects.get(pk=first.pk)
    report_create(commitment=first, delivered_on=D(2024, 6, 1), value=9_000)

    stale.goods = "Na Chi Lăng loại 1"
    stale.save()

    _assert_cache_matches_reports(first)
    assert first.verified_value == 9_000


def test_cache_is_in_no_form_nor_the_admin():
    cache = {"verified_quantity", "verified_value", "verified_until"}
    site = admin.site
    inline = CommitmentInline(Agreement, site)
    request = RequestFactory().get("/")
    request.user = user_create(username="root", is_superuser=True, is_staff=True)
    admin_form = forms.modelform_factory(Commitment, fields=inline.get_fields(request))
    assert not cache & set(fields_for_model(Commitment))
    assert not cache & set(CommitmentFormSet.form.base_fields)
    assert not cache & set(admin_form.base_fields)


def test_figures_from_the_cache_equal_figures_summed_from_reports_as_of_any_date(
    two_lines,
):
    agreement, first, second = two_lines
    report_create(
        commitment=first, delivered_on=D(2024, 6, 1), quantity=40, value=4_000_000
    )
    report_create(
        commitment=first, delivered_on=D(2024, 9, 1), quantity=70, value=7_000_000
    )
    report_create(
        commitment=second, delivered_on=D(2024, 7, 1), quantity=10, value=1_000_000
    )
    report_create(
        commitment=second,
        delivered_on=D(2024, 7, 2),
        quantity=50,
        value=5_000_000,
        verified=False,
    )

    for today in [D(2024, 5, 31), D(2024, 6, 1), D(2024, 8, 1), D(2025, 1, 1)]:
        reports = DeliveryReport.objects.filter(
            verified_at__isnull=False, delivered_on__lte=today
        )
        expected = {}
        for line in (first, second):
            sums = reports.filter(commitment=line).aggregate(
                q=Sum("quantity"), v=Sum("value")
            )
            expected[line.pk] = (sums["q"] or Decimal(0), sums["v"] or 0)
        rows = commitment_list(agreement=agreement, today=today)
        assert {
            row.pk: (row.delivered_quantity, row.delivered_value) for row in rows
        } == expected, today
        capped = sum(
            min(value, line.value)
            for line, (_q, value) in zip(
                (first, second), (expected[first.pk], expected[second.pk]), strict=True
            )
        )
        totals = figures.totals(today=today)
        assert totals["delivered_value"] == sum(v for _q, v in expected.values())
        assert totals["capped_value"] == capped
        summary = dashboard_summary(today=today)
        assert summary["delivered_value"] == totals["delivered_value"]
        assert (
            summary["over_time"][-1]["cumulative"] if summary["over_time"] else 0
        ) == (totals["delivered_value"])
        assert summary["over_time"] == fulfilment_over_time(today=today)


def test_months_follow_cancelling_reinstating_moving_and_deleting_agreements():
    spring, autumn = conference_create(name="Xuân"), conference_create(name="Thu")
    first = agreement_create(conference=spring)
    second = agreement_create(conference=spring)
    loose = agreement_create()
    for agreement, day, value in [
        (first, D(2024, 6, 1), 4_000_000),
        (first, D(2024, 7, 9), 1_000_000),
        (second, D(2024, 6, 20), 2_000_000),
        (loose, D(2024, 6, 2), 3_000_000),
    ]:
        report_create(
            commitment=agreement.commitments.first(),
            delivered_on=day,
            quantity=1,
            value=value,
        )
    _assert_months_match_reports()
    assert DeliveryMonth.objects.get(conference=spring, month=D(2024, 6, 1)).value == (
        6_000_000
    )

    services.agreement_cancel(agreement=first, reason="Không thực hiện")
    _assert_months_match_reports()
    services.agreement_reinstate(agreement=first)
    _assert_months_match_reports()

    second.conference = autumn
    second.save()
    _assert_months_match_reports()
    assert DeliveryMonth.objects.filter(conference=autumn).count() == 1

    loose.conference = spring
    loose.save()
    _assert_months_match_reports()
    assert not DeliveryMonth.objects.filter(conference__isnull=True).exists()

    first.delete()
    _assert_months_match_reports()
    summary = dashboard_summary(conference=spring, today=D(2024, 12, 1))
    assert summary["over_time"] == fulfilment_over_time(
        agreements=Agreement.objects.filter(conference=spring), today=D(2024, 12, 1)
    )
    assert [row["value"] for row in summary["over_time"]] == [3_000_000]
