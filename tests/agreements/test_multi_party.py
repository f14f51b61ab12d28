"""An agreement shared by two cooperatives (issue 12, finding 7).

Each cooperative sees the agreement's terms and parties but only its own
part: its own lines and figures, its own reports and evidence; never the
other cooperative's report values, evidence, pending values or usernames,
nor totals that include them. Alliance staff see everything.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from agreements.forms import DeliveryForm
from agreements.models import AgreementParty, Commitment, DeliveryReport, Difficulty
from agreements.selectors.lists import agreement_list
from agreements.services import follow_ups_schedule
from tests.factories.agreements import (
    agreement_create,
    business_create,
    cooperative_create,
    cooperative_user_create,
    report_create,
    staff_user_create,
)
from tests.factories.submissions import submission_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY - datetime.timedelta(days=60)


@pytest.fixture
def shared(settings):
    """Agreement S-1 between HTX A and HTX B (one line each), with A's and
    B's reports, B's evidence, a difficulty B's user raised and a closed
    follow-up."""
    settings.LANGUAGE_CODE = "en"
    a, b = cooperative_create(name="HTX A"), cooperative_create(name="HTX B")
    agreement = agreement_create(
        partner=a,
        business=business_create(name="Công ty Bách Hóa"),
        signed_on=START,
        valid_until=TODAY + datetime.timedelta(days=300),
        number="S-1",
        lines=[
            {"goods": "Na Chi Lăng", "value": 10_000_000},
            {"goods": "Quýt Bắc Sơn", "value": 77_700_000, "partner": b},
        ],
    )
    AgreementParty.objects.create(
        agreement=agreement, partner=b, role=AgreementParty.Role.SUPPLIER
    )
    line_a = Commitment.objects.get(agreement=agreement, partner=a)
    line_b = Commitment.objects.get(agreement=agreement, partner=b)
    user_a = cooperative_user_create(partner=a, username="coop_a_user")
    user_b = cooperative_user_create(partner=b, username="coop_b_user")
    report_create(
        commitment=line_a,
        delivered_on=TODAY,
        value=1_111_000,
        verified=False,
        user=user_a,
    )
    pending_b = report_create(
        commitment=line_b,
        delivered_on=TODAY,
        value=2_345_000,
        verified=False,
        user=user_b,
    )
    pending_b.note = "ghi chú riêng của B"
    pending_b.save()
    pending_b.evidence.save("hoa-don-b-7781.pdf", ContentFile(b"%PDF-1.4 b"))
    report_create(
        commitment=line_b,
        delivered_on=START + datetime.timedelta(days=5),
        value=3_456_000,
        verified=True,
        user=user_b,
    )
    Difficulty.objects.create(
        agreement=agreement,
        kind=Difficulty.Kind.LOGISTICS,
        description="Thiếu xe lạnh của B",
        raised_by=user_b,
        raised_on=TODAY,
    )
    follow_ups_schedule(agreement=agreement)
    follow_up = agreement.follow_ups.first()
    follow_up.closed_on, follow_up.outcome = TODAY, "HTX B chậm tiến độ 40 %"
    follow_up.save()
    return {
        "agreement": agreement,
        "a": a,
        "b": b,
        "line_a": line_a,
        "line_b": line_b,
        "user_a": user_a,
        "user_b": user_b,
        "pending_b": pending_b,
    }


B_SECRETS = [
    "Quýt Bắc Sơn",  # B's line
    "2.345.000",
    "2,345,000",  # B's pending report
    "3.456.000",
    "3,456,000",  # B's verified report
    "77.700.000",
    "77,700,000",  # B's commitment
    "87.700.000",
    "87,700,000",  # committed, both lines
    "hoa-don-b-7781",  # B's evidence
    "ghi chú riêng của B",  # B's note
    "coop_b_user",  # B's username
    "Thiếu xe lạnh của B",  # a difficulty B raised
    "chậm tiến độ",  # the staff's outcome on the whole agreement
]


def _page(client, user, agreement):
    client.force_login(user)
    response = client.get(
        reverse("agreements:detail", args=[agreement.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    return response


def test_a_sees_terms_parties_and_its_own_part_only(client, shared):
    response = _page(client, shared["user_a"], shared["agreement"])
    html = response.content.decode()

    for secret in B_SECRETS:
        assert secret not in html, secret
    evidence_b = reverse("files:delivery-evidence", args=[shared["pending_b"].pk])
    assert evidence_b not in html
    assert "HTX B" in html  # a party: its name is no secret
    assert "Công ty Bách Hóa" in html
    assert "Na Chi Lăng" in html
    assert [line.pk for line in response.context["lines"]] == [shared["line_a"].pk]
    reports = [e["obj"] for e in response.context["timeline"] if e["type"] == "report"]
    assert [r.commitment_id for r in reports] == [shared["line_a"].pk]
    agreement = response.context["agreement"]
    assert (agreement.committed_value, agreement.delivered_value) == (10_000_000, 0)
    assert agreement.pending_count == 1
    assert response.context["own_part_only"] is True
    assert response.context["history"] == []


def test_a_reporter_is_shown_by_name_never_by_username(client, shared):
    response = _page(client, shared["user_a"], shared["agreement"])

    (event,) = [e for e in response.context["timeline"] if e["type"] == "report"]
    assert event["who"] == "HTX A"
    assert "coop_a_user" not in response.content.decode()


def test_b_sees_its_own_part_and_none_of_as(client, shared):
    response = _page(client, shared["user_b"], shared["agreement"])
    html = response.content.decode()

    for secret in ["1.111.000", "1,111,000", "coop_a_user", "Na Chi Lăng"]:
        assert secret not in html, secret
    assert "Quýt Bắc Sơn" in html
    assert reverse("files:delivery-evidence", args=[shared["pending_b"].pk]) in html
    agreement = response.context["agreement"]
    assert agreement.committed_value == 77_700_000
    assert agreement.delivered_value == 3_456_000
    assert agreement.pending_count == 1
    assert "Thiếu xe lạnh của B" in html  # B raised it


def test_staff_see_both_parts(client, shared):
    response = _page(client, staff_user_create(), shared["agreement"])
    html = response.content.decode()

    assert "Na Chi Lăng" in html and "Quýt Bắc Sơn" in html
    assert "coop_b_user" in html and "coop_a_user" in html
    assert "chậm tiến độ" in html and "Thiếu xe lạnh của B" in html
    assert reverse("files:delivery-evidence", args=[shared["pending_b"].pk]) in html
    reports = [e["obj"] for e in response.context["timeline"] if e["type"] == "report"]
    assert len(reports) == 3
    agreement = response.context["agreement"]
    assert agreement.committed_value == 87_700_000
    assert agreement.pending_count == 2
    assert response.context["own_part_only"] is False


def test_the_list_shows_a_its_own_figures_only(client, shared):
    client.force_login(shared["user_a"])

    response = client.get(reverse("agreements:list"), HTTP_ACCEPT_LANGUAGE="en")

    (row,) = response.context["page_obj"].object_list
    assert (row.committed_value, row.delivered_value, row.pending_count) == (
        10_000_000,
        0,
        1,
    )
    html = response.content.decode()
    for secret in ["87.700.000", "87,700,000", "3.456.000", "3,456,000"]:
        assert secret not in html, secret


def test_the_list_filters_a_by_the_status_of_its_own_part(client, shared):
    # B delivered 3,456,000 of 77,700,000 early; A nothing: A's part is
    # behind or not started, never "completed" because of B.
    client.force_login(shared["user_a"])
    Commitment.objects.filter(pk=shared["line_b"].pk).update(value=3_456_000)

    completed = client.get(reverse("agreements:list"), {"status": "completed"})
    mine = agreement_list(user=shared["user_a"], filters={}, today=TODAY).get()

    assert list(completed.context["page_obj"].object_list) == []
    assert mine.status in {"behind", "not_started"}


def test_the_delivery_form_offers_a_only_its_own_lines(client, shared):
    client.force_login(shared["user_a"])
    url = reverse("agreements:delivery-create", args=[shared["agreement"].pk])

    form = client.get(url).context["form"]
    refused = client.post(
        url,
        {
            "commitment": shared["line_b"].pk,
            "delivered_on": TODAY.isoformat(),
            "quantity": "5",
            "value": "500000",
            **submission_data(user=shared["user_a"], form_class=DeliveryForm),
        },
    )

    assert list(form.fields["commitment"].queryset) == [shared["line_a"]]
    assert refused.status_code == 200
    assert "commitment" in refused.context["form"].errors
    assert DeliveryReport.objects.filter(commitment=shared["line_b"]).count() == 2


def test_staff_in_charge_is_shown_by_name_not_username(client, shared):
    staff = staff_user_create(username="nv_phu_trach")
    shared["agreement"].staff_in_charge = staff
    shared["agreement"].save()

    html = _page(client, shared["user_a"], shared["agreement"]).content.decode()

    assert "nv_phu_trach" not in html
    assert "Alliance staff" in html


def test_a_cooperative_alone_on_an_agreement_sees_all_of_it(client, shared):
    a = shared["a"]
    alone = agreement_create(
        partner=a, signed_on=START, valid_until=TODAY + datetime.timedelta(days=30)
    )
    follow_ups_schedule(agreement=alone)
    follow_up = alone.follow_ups.first()
    follow_up.closed_on, follow_up.outcome = TODAY, "Đã giao đợt 1"
    follow_up.save()

    response = _page(client, shared["user_a"], alone)

    assert response.context["own_part_only"] is False
    assert "Đã giao đợt 1" in response.content.decode()
