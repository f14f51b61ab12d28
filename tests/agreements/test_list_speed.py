"""The list's status filter: one definition of "behind", a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from agreements import figures
from agreements.models import Agreement
from agreements.selectors.lists import agreement_list
from agreements.status import STATUS_BEHIND
from tests.factories.agreements import (
    agreement_create,
    conference_create,
    report_create,
    staff_user_create,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def test_behind_filter_and_shown_status_agree_on_a_half_dong():
    # Given a line of 3 dong over six days, five of them elapsed: expected is
    # 3 x 5/6 = 2.5 dong, rounded as the selectors round it (3), with 2 dong
    # delivered.
    today = D(2024, 6, 5)
    agreement = agreement_create(
        signed_on=D(2024, 6, 1),
        valid_until=D(2024, 6, 6),
        lines=[{"value": 3, "quantity": 3}],
    )
    report_create(
        commitment=agreement.commitments.get(),
        delivered_on=D(2024, 6, 2),
        quantity=2,
        value=2,
    )

    # When the list is filtered on "behind"
    rows = list(agreement_list(filters={"behind": True}, today=today))
    counts = figures.status_counts(today=today)

    # Then the agreement is in it, with the status its page shows.
    assert [(a.pk, a.status, a.expected_value) for a in rows] == [
        (agreement.pk, STATUS_BEHIND, 3)
    ]
    assert counts == {STATUS_BEHIND: 1}


def test_status_ids_cover_only_the_agreements_asked_about():
    # Given two agreements behind, in two conferences
    today = D(2024, 7, 1)
    first, second = conference_create(), conference_create()
    behind_first = agreement_create(conference=first)
    agreement_create(conference=second)

    # When the ids behind are asked for the first conference's agreements
    ids = figures.agreement_ids_in_status(
        today=today,
        statuses=[STATUS_BEHIND],
        agreements=Agreement.objects.filter(conference=first),
    )

    # Then only its agreement is answered.
    assert ids == [behind_first.pk]


@pytest.mark.parametrize(
    "query", ["", "?behind=on", "?status=behind&sort=fulfilment", "?sort=-delivered"]
)
def test_list_query_count_does_not_grow_with_the_rows_shown(
    client, count_queries, query
):
    # Given a staff member and one agreement behind
    client.force_login(staff_user_create())
    conference = conference_create()
    agreement_create(conference=conference, valid_until=D(2099, 12, 31))
    url = reverse("agreements:list") + query

    def render():
        assert client.get(url).status_code == 200

    render()
    _r, few = count_queries(render)
    # When seven more agreements with two lines and a report each are listed
    for n in range(7):
        agreement = agreement_create(
            conference=conference,
            valid_until=D(2099, 12, 31),
            lines=[{}, {"goods": f"Hồi {n}"}],
        )
        report_create(
            commitment=agreement.commitments.first(), delivered_on=D(2024, 6, 1)
        )
    _r, many = count_queries(render)

    # Then the page takes as many queries.
    assert few == many
