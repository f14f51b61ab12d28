"""Rows stored past the fields' bounds (before the validators existed, or by
a raw update) are shown, never a 500: the agreement page, its edit page, the
list, its export and the dashboard still answer."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from agreements.models import Commitment, DeliveryReport
from agreements.services import delivery_reports_update
from tests.factories.agreements import (
    agreement_create,
    report_create,
    staff_user_create,
)

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL refuses to store a number past numeric(14, 2)",
)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's SUM stops at 2^63; models.MAX_VND keeps valid rows far below",
)


def _pages(agreement) -> dict[str, str]:
    return {
        "detail": reverse("agreements:detail", args=[agreement.pk]),
        "edit": reverse("agreements:edit", args=[agreement.pk]),
        "list": reverse("agreements:list"),
        "export": reverse("agreements:export"),
        "dashboard": reverse("agreements:dashboard"),
    }


def _statuses(client, agreement) -> dict[str, int]:
    return {
        name: client.get(url).status_code for name, url in _pages(agreement).items()
    }


@sqlite_only
def test_a_quantity_of_ten_to_the_twenty_stored_raw_is_shown_not_a_500(client):
    # given a line and a verified report whose quantity was stored as 10^20
    client.force_login(staff_user_create())
    agreement = agreement_create()
    line = agreement.commitments.get()
    report_create(commitment=line, delivered_on=datetime.date(2024, 6, 1))
    Commitment.objects.filter(pk=line.pk).update(quantity=Decimal(10**20))
    delivery_reports_update(
        reports=DeliveryReport.objects.filter(commitment=line),
        quantity=Decimal(10**20),
    )

    # when staff open every page that reads it
    statuses = _statuses(client, agreement)

    # then each answers
    assert statuses == {
        "detail": 200,
        "edit": 200,
        "list": 200,
        "export": 200,
        "dashboard": 200,
    }
    assert Commitment.objects.get(pk=line.pk).quantity == Decimal(10**20)


@postgresql_only
def test_values_near_the_bigint_limit_stored_raw_are_shown_not_a_500(client):
    # given two lines whose values (stored raw) sum past a bigint
    client.force_login(staff_user_create())
    agreement = agreement_create(lines=[{}, {}])
    near_limit = 9_000_000_000_000_000_000
    Commitment.objects.filter(agreement=agreement).update(value=near_limit)

    # when staff open every page that sums them
    statuses = _statuses(client, agreement)

    # then each answers
    assert statuses == {
        "detail": 200,
        "edit": 200,
        "list": 200,
        "export": 200,
        "dashboard": 200,
    }
