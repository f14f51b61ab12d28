"""Pages of the register: who sees what, forms that refuse bad input, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.forms import AgreementForm, DeliveryForm, DifficultyForm
from agreements.models import Agreement, DeliveryReport, Difficulty, FollowUp
from agreements.selectors.agreement import agreement_fulfilment
from agreements.validators import PERIOD_MESSAGES
from tests.factories.agreements import (
    agreement_create,
    business_create,
    conference_create,
    cooperative_create,
    cooperative_user_create,
    report_create,
    staff_user_create,
    user_create,
)
from tests.factories.submissions import submission_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def staff(client):
    user = staff_user_create()
    client.force_login(user)
    return user


@pytest.fixture
def two_coops():
    a, b = cooperative_create(name="HTX A"), cooperative_create(name="HTX B")
    start = TODAY - datetime.timedelta(days=60)
    end = TODAY + datetime.timedelta(days=60)
    agreement_a = agreement_create(
        partner=a, signed_on=start, valid_until=end, number="A-1"
    )
    agreement_b = agreement_create(
        partner=b, signed_on=start, valid_until=end, number="B-1"
    )
    return a, b, agreement_a, agreement_b


STAFF_PAGES = [
    ("agreements:dashboard", []),
    ("agreements:list", []),
    ("agreements:create", []),
    ("agreements:pending-reports", []),
    ("agreements:difficulties", []),
    ("agreements:follow-ups", []),
    ("agreements:import", []),
    ("agreements:conference-create", []),
    ("agreements:business-create", []),
]


@pytest.mark.parametrize("name, args", STAFF_PAGES)
def test_staff_pages_render(client, staff, two_coops, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 200


def test_staff_see_every_agreement_page(client, staff, two_coops):
    _a, _b, agreement_a, _agreement_b = two_coops
    conference = conference_create()
    Agreement.objects.filter(pk=agreement_a.pk).update(conference=conference)
    urls = [
        reverse("agreements:detail", args=[agreement_a.pk]),
        reverse("agreements:edit", args=[agreement_a.pk]),
        reverse("agreements:cancel", args=[agreement_a.pk]),
        reverse("agreements:delivery-create", args=[agreement_a.pk]),
        reverse("agreements:difficulty-create", args=[agreement_a.pk]),
        reverse("agreements:dashboard-conference", args=[conference.slug]),
        reverse("agreements:conference-print", args=[conference.slug]),
        reverse("agreements:conference-export", args=[conference.slug]),
        reverse("agreements:export"),
        reverse("agreements:import-template"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_cooperative_sees_only_its_own_agreements(client, two_coops):
    a, _b, agreement_a, agreement_b = two_coops
    client.force_login(cooperative_user_create(partner=a))

    listing = client.get(reverse("agreements:list"))

    assert "A-1" in listing.content.decode()
    assert "B-1" not in listing.content.decode()
    assert (
        client.get(reverse("agreements:detail", args=[agreement_a.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("agreements:detail", args=[agreement_b.pk])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("agreements:delivery-create", args=[agreement_b.pk])
        ).status_code
        == 404
    )


def test_cooperative_cannot_report_on_another_cooperatives_agreement(client, two_coops):
    a, _b, _agreement_a, agreement_b = two_coops
    client.force_login(cooperative_user_create(partner=a))
    line = agreement_b.commitments.get()

    response = client.post(
        reverse("agreements:delivery-create", args=[agreement_b.pk]),
        {
            "commitment": line.pk,
            "delivered_on": TODAY,
            "quantity": "5",
            "value": "500000",
        },
    )

    assert response.status_code == 404
    assert not DeliveryReport.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "agreements:dashboard",
        "agreements:pending-reports",
        "agreements:import",
        "agreements:export",
        "agreements:difficulties",
        "agreements:follow-ups",
        "agreements:create",
    ],
)
def test_cooperative_staff_cannot_open_staff_pages(client, two_coops, name):
    a, *_ = two_coops
    client.force_login(cooperative_user_create(partner=a))

    assert client.get(reverse(name)).status_code == 404


def test_cooperative_report_is_pending_until_staff_verify(client, two_coops):
    a, _b, agreement_a, _agreement_b = two_coops
    coop_user = cooperative_user_create(partner=a)
    client.force_login(coop_user)
    line = agreement_a.commitments.get()

    response = client.post(
        reverse("agreements:delivery-create", args=[agreement_a.pk]),
        {
            "commitment": line.pk,
            "delivered_on": TODAY,
            "quantity": "5",
            "value": "500000",
            **submission_data(user=coop_user, form_class=DeliveryForm),
        },
    )

    assert response.status_code == 302
    report = DeliveryReport.objects.get()
    assert report.verified_at is None
    assert agreement_fulfilment(agreement=agreement_a)["delivered_value"] == 0
    assert (
        client.post(reverse("agreements:report-verify", args=[report.pk])).status_code
        == 404
    )

    staff = staff_user_create()
    client.force_login(staff)
    client.post(reverse("agreements:report-verify", args=[report.pk]))

    report.refresh_from_db()
    assert report.verified_by == staff
    assert agreement_fulfilment(agreement=agreement_a)["delivered_value"] == 500_000


@pytest.mark.parametrize(
    "name", ["agreements:home", "agreements:list", "agreements:dashboard"]
)
def test_buyer_sees_nothing(client, two_coops, name):
    client.force_login(user_create(username="buyer"))

    assert client.get(reverse(name)).status_code == 404


def test_buyer_gets_404_on_an_agreement(client, two_coops):
    client.force_login(user_create(username="buyer"))

    assert (
        client.get(reverse("agreements:detail", args=[two_coops[2].pk])).status_code
        == 404
    )


@pytest.mark.parametrize(
    "name", ["agreements:home", "agreements:list", "agreements:dashboard"]
)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith("/shop/accounts/login/")


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"quantity": "0"}, "quantity", "greater than zero"),
        ({"value": "-5"}, "value", "greater than zero"),
        (
            {"delivered_on": "2000-01-01"},
            "delivered_on",
            "before the agreement was signed",
        ),
        (
            {"delivered_on": (TODAY + datetime.timedelta(days=3)).isoformat()},
            "delivered_on",
            "in the future",
        ),
        ({"unit": "tấn"}, "unit", "the commitment's unit"),
    ],
)
def test_bad_delivery_is_refused_with_a_message_and_keeps_the_input(
    client, staff, two_coops, settings, data, field, message
):
    settings.LANGUAGE_CODE = "en"
    agreement = two_coops[2]
    line = agreement.commitments.get()
    post = {
        "commitment": line.pk,
        "delivered_on": TODAY.isoformat(),
        "quantity": "5",
        "value": "500000",
        "note": "giao lần 1",
        **submission_data(user=staff, form_class=DeliveryForm),
        **data,
    }

    response = client.post(
        reverse("agreements:delivery-create", args=[agreement.pk]),
        post,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert "giao lần 1" in response.content.decode()
    assert not DeliveryReport.objects.exists()


def test_over_delivery_is_accepted_and_flagged(client, staff, two_coops):
    agreement = two_coops[2]
    line = agreement.commitments.get()

    client.post(
        reverse("agreements:delivery-create", args=[agreement.pk]),
        {
            "commitment": line.pk,
            "delivered_on": TODAY,
            "quantity": "150",
            "value": "15000000",
            **submission_data(user=staff, form_class=DeliveryForm),
        },
    )

    report = DeliveryReport.objects.get()
    assert report.over_commitment is True
    assert report.verified_at is not None


def _agreement_post(user, **overrides):
    coop = cooperative_create()
    business = business_create()
    data = {
        "number": "99/BBTT",
        "signed_on": "2024-05-01",
        "kind": "purchase",
        "valid_from": "2024-05-01",
        "valid_until": "2024-12-31",
        "cooperatives": [coop.pk],
        "cooperative_role": "supplier",
        "businesses": [business.pk],
        "business_role": "buyer",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-goods": "Na Chi Lăng",
        "lines-0-unit": "kg",
        "lines-0-quantity": "1000",
        "lines-0-value": "50000000",
        "lines-0-period_start": "2024-08-01",
        "lines-0-period_end": "2024-09-30",
        "schedule-TOTAL_FORMS": "1",
        "schedule-INITIAL_FORMS": "0",
        "schedule-MIN_NUM_FORMS": "0",
        "schedule-MAX_NUM_FORMS": "1000",
        **submission_data(user=user, form_class=AgreementForm),
    }
    data.update(overrides)
    return data


def test_staff_create_an_agreement_with_lines_and_follow_ups(client, staff):
    response = client.post(reverse("agreements:create"), _agreement_post(staff))

    agreement = Agreement.objects.get(number="99/BBTT")
    assert response.status_code == 302
    assert agreement.commitments.get().value == 50_000_000
    assert agreement.parties.count() == 2
    assert sorted(agreement.follow_ups.values_list("due_on", flat=True)) == [
        datetime.date(2024, 6, 1),
        datetime.date(2024, 8, 1),
        datetime.date(2024, 11, 1),
    ]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"cooperatives": []}, "cooperatives"),
        ({"businesses": []}, "businesses"),
        ({"valid_until": "2024-01-01"}, "valid_until"),
    ],
)
def test_agreement_form_refuses_bad_input(client, staff, overrides, field):
    response = client.post(
        reverse("agreements:create"), _agreement_post(staff, **overrides)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Agreement.objects.exists()
    assert "Na Chi Lăng" in response.content.decode()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"lines-0-quantity": "0"}, "quantity"),
        ({"lines-0-value": "-1"}, "value"),
        ({"lines-0-period_end": "2024-07-01"}, "period_end"),
    ],
)
def test_commitment_formset_refuses_bad_lines(client, staff, overrides, field):
    response = client.post(
        reverse("agreements:create"), _agreement_post(staff, **overrides)
    )

    assert response.status_code == 200
    assert field in response.context["lines"].forms[0].errors
    assert not Agreement.objects.exists()


def test_cancel_needs_a_reason_and_sets_the_status(client, staff, two_coops):
    agreement = two_coops[2]
    url = reverse("agreements:cancel", args=[agreement.pk])

    assert client.post(url, {"reason": ""}).status_code == 200
    client.post(url, {"reason": "Doanh nghiệp giải thể"})

    assert agreement_fulfilment(agreement=agreement)["status"] == "cancelled"
    assert agreement.history.first().cancel_reason == "Doanh nghiệp giải thể"


def test_difficulty_raise_assign_and_resolve(client, staff, two_coops):
    agreement = two_coops[2]
    client.post(
        reverse("agreements:difficulty-create", args=[agreement.pk]),
        {
            "kind": "logistics",
            "description": "Thiếu xe lạnh",
            "agency": "Sở Công Thương",
            "deadline": "2024-07-01",
            "assignee": staff.pk,
            **submission_data(user=staff, form_class=DifficultyForm),
        },
    )
    difficulty = Difficulty.objects.get()
    url = reverse("agreements:difficulty-update", args=[difficulty.pk])

    refused = client.post(
        url, {"status": "resolved", "resolution": "", "assignee": staff.pk}
    )
    client.post(
        url, {"status": "resolved", "resolution": "Đã thuê xe", "assignee": staff.pk}
    )

    assert "resolution" in refused.context["form"].errors
    difficulty.refresh_from_db()
    assert difficulty.status == "resolved" and difficulty.resolved_on is not None


def test_follow_up_closes_with_an_outcome(client, staff, two_coops):
    from agreements.services import follow_ups_schedule

    follow_ups_schedule(agreement=two_coops[2])
    follow_up = FollowUp.objects.filter(agreement=two_coops[2]).first()
    url = reverse("agreements:follow-up-close", args=[follow_up.pk])

    assert client.post(url, {"outcome": ""}).status_code == 200
    client.post(url, {"outcome": "Đã giao đợt 1"})

    follow_up.refresh_from_db()
    assert follow_up.closed_on == TODAY and follow_up.outcome == "Đã giao đợt 1"


def test_list_and_dashboard_query_counts_do_not_grow(client, staff, count_queries):
    conference = conference_create()
    agreement_create(conference=conference)

    def render():
        assert client.get(reverse("agreements:list")).status_code == 200
        assert client.get(reverse("agreements:dashboard")).status_code == 200

    # The first request makes the staff member's basket (the header shows
    # its count); later ones only read it.
    render()
    _r, few = count_queries(render)
    for n in range(6):
        a = agreement_create(conference=conference, lines=[{}, {"goods": f"Hồi {n}"}])
        report_create(
            commitment=a.commitments.first(), delivered_on=datetime.date(2024, 6, 1)
        )
    _r, many = count_queries(render)

    assert few == many


def test_export_has_one_row_per_line_and_a_total_per_conference(client, staff):
    import io

    from openpyxl import load_workbook

    conference = conference_create(name="HN 2024")
    agreement_create(
        conference=conference,
        lines=[{"value": 1_000}, {"value": 2_000, "goods": "Hồi"}],
    )

    response = client.get(reverse("agreements:export"))

    book = load_workbook(io.BytesIO(response.content))
    rows = [r for r in book.active.iter_rows(min_row=2, values_only=True) if any(r)]
    assert len(rows) == 2
    totals = [r for r in book["Totals"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in totals] == [("HN 2024", 3_000)]
    assert Decimal(1) == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"valid_until": "2024-01-01"}, "valid_until"),
        ({"lines-0-period_end": "2024-07-01"}, "period_end"),
    ],
)
def test_a_period_that_ends_before_it_starts_gets_the_registers_one_message(
    client, staff, settings, overrides, field
):
    settings.LANGUAGE_CODE = "en"

    response = client.post(
        reverse("agreements:create"),
        _agreement_post(staff, **overrides),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert PERIOD_MESSAGES[field] in response.content.decode()
    assert not Agreement.objects.exists()
