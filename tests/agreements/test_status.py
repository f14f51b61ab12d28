"""One declaration of the derived statuses feeds both the ORM and the raw SQL:
an agreement in each status gets the same status from both."""

import datetime

import pytest

from agreements import figures
from agreements.models import Agreement
from agreements.selectors.fulfilment import agreements_with_fulfilment
from agreements.status import (
    STATUS_BEHIND,
    STATUS_CANCELLED,
    STATUS_COMPLETED,
    STATUS_DRAFT,
    STATUS_EXPIRED,
    STATUS_NOT_STARTED,
    STATUS_ON_TRACK,
    STATUSES,
    status_choices,
)
from tests.factories.agreements import agreement_create, report_create

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2024, 8, 1)


def _one_agreement_per_status() -> dict[str, Agreement]:
    """Return an agreement built to be in each status on ``TODAY``."""
    cancelled = agreement_create(cancelled=True, cancel_reason="Buyer withdrew")
    completed = agreement_create()
    report_create(
        commitment=completed.commitments.get(),
        delivered_on=D(2024, 7, 1),
        value=10_000_000,
    )
    expired = agreement_create(valid_until=D(2024, 7, 1))
    report_create(commitment=expired.commitments.get(), delivered_on=D(2024, 6, 1))
    behind = agreement_create()
    report_create(commitment=behind.commitments.get(), delivered_on=D(2024, 6, 1))
    not_started = agreement_create(
        lines=[{"period_start": D(2024, 9, 1), "period_end": D(2024, 12, 31)}]
    )
    on_track = agreement_create()
    report_create(
        commitment=on_track.commitments.get(),
        delivered_on=D(2024, 7, 15),
        value=5_000_000,
    )
    # A draft stays one whatever its figures (even a delivery reported on it).
    draft = agreement_create(is_draft=True)
    report_create(
        commitment=draft.commitments.get(), delivered_on=D(2024, 7, 1), value=10_000_000
    )
    return {
        STATUS_DRAFT: draft,
        STATUS_CANCELLED: cancelled,
        STATUS_COMPLETED: completed,
        STATUS_EXPIRED: expired,
        STATUS_BEHIND: behind,
        STATUS_NOT_STARTED: not_started,
        STATUS_ON_TRACK: on_track,
    }


def test_the_orm_and_the_sql_give_every_agreement_the_same_status():
    # given an agreement in each declared status
    built = _one_agreement_per_status()
    assert set(built) == {status.value for status in STATUSES}

    # when the ORM and the set-based SQL each derive the statuses
    orm = dict(
        agreements_with_fulfilment(Agreement.objects.all(), today=TODAY).values_list(
            "pk", "status"
        )
    )
    sql = {
        pk: value
        for value in built
        for pk in figures.agreement_ids_in_status(today=TODAY, statuses=[value])
    }

    # then both say what each agreement was built to be
    expected = {agreement.pk: value for value, agreement in built.items()}
    assert orm == expected
    assert sql == expected
    assert figures.status_counts(today=TODAY) == dict.fromkeys(built, 1)


def test_every_declared_status_is_shown_once_with_its_label():
    shown = [value for value, _label in status_choices()]

    assert sorted(shown) == sorted(status.value for status in STATUSES)
    # Drafts first (not yet signed), then the live statuses from the start.
    assert shown[:2] == [STATUS_DRAFT, STATUS_NOT_STARTED]
    assert all(f"'{value}'" in figures.STATUS_SQL for value in shown)
