"""The demo holds the Lạng Sơn 2024 conference with agreements in every state."""

import pytest

from agreements.models import Conference, DeliveryReport, Difficulty, FollowUp
from agreements.selectors.aggregates import conference_outcome, status_counts

pytestmark = pytest.mark.django_db


def test_demo_conference_has_at_least_25_agreements_in_varied_states(demo):
    conference = Conference.objects.get(
        name="Hội nghị gặp mặt, kết nối tiêu thụ sản phẩm của các hợp tác xã năm 2024"
    )

    counts = status_counts(agreements=conference.agreements.all())

    assert sum(counts.values()) >= 25
    for status in [
        "completed",
        "on_track",
        "behind",
        "expired",
        "not_started",
        "cancelled",
    ]:
        assert counts[status] >= 1, status
    assert DeliveryReport.objects.pending().exists()
    assert DeliveryReport.objects.verified().count() > 50
    assert Difficulty.objects.exclude(status="resolved").exists()
    assert FollowUp.objects.filter(closed_on__isnull=True).exists()
    assert FollowUp.objects.filter(closed_on__isnull=False).exists()
    outcome = conference_outcome(conference=conference)
    assert outcome["agreements_count"] >= 25
    assert 0 < outcome["fulfilment_percent"] < 100
