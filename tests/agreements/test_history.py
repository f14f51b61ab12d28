"""An agreement's change history answers "who changed what": each change of
the agreement, its lines, reports and difficulties with its author by full
name, the time, and every field's old and new value under its Vietnamese
label; on the agreement's page (staff only) and in the export."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import load_workbook

from agreements import services
from agreements.history import agreement_history
from agreements.models import Agreement, Commitment, Difficulty
from tests.factories.agreements import (
    agreement_create,
    conference_create,
    cooperative_user_create,
    report_create,
    staff_user_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def staff():
    user = staff_user_create(username="lan")
    user.first_name, user.last_name = "Lan", "Nguyễn Thị"
    user.save()
    return user


def _as(obj, user):
    # What simple-history's middleware does for a request.
    obj._history_user = user
    return obj


def test_a_commitment_value_change_shows_who_when_and_both_values(staff):
    agreement = agreement_create(lines=[{"goods": "Na Chi Lăng", "value": 6_000_000}])
    line = agreement.commitments.get()
    line.value = 7_000_000
    _as(line, staff).save()

    row = agreement_history(agreement=agreement, limit=10)[0]

    assert row["who"] == staff.get_full_name()
    assert row["kind"] == "changed"
    assert row["kind_label"] == pgettext("change history", "Changed")
    assert row["what"] == _("line “%(label)s”") % {"label": "Na Chi Lăng"}
    assert row["changes"] == [
        ("Giá trị cam kết (đồng)", "6.000.000\xa0₫", "7.000.000\xa0₫")
    ]


def test_choices_foreign_keys_dates_and_booleans_read_as_people_read_them(staff):
    old, new = (
        conference_create(name="Hội nghị 2023"),
        conference_create(name="Hội nghị 2024"),
    )
    agreement = agreement_create(conference=old)
    agreement.conference = new
    agreement.kind = Agreement.Kind.LINKAGE
    agreement.valid_until = datetime.date(2025, 3, 31)
    agreement.staff_in_charge = staff
    _as(agreement, staff).save()

    changes = dict(
        (label, (before, after))
        for label, before, after in agreement_history(agreement=agreement, limit=1)[0][
            "changes"
        ]
    )

    assert changes == {
        "Hội nghị": ("Hội nghị 2023", "Hội nghị 2024"),
        "Loại": ("Thu mua, tiêu thụ", "Liên kết sản xuất"),
        "Hiệu lực đến": ("31/12/2024", "31/03/2025"),
        "Cán bộ phụ trách": ("—", staff.get_full_name()),
    }


def test_created_and_deleted_rows_list_their_values(staff):
    agreement = agreement_create(lines=[{"goods": "Mật ong", "value": 5_000_000}])
    line = agreement.commitments.get()
    _as(line, staff).delete()

    history = agreement_history(agreement=agreement, limit=None)
    deleted = next(row for row in history if row["kind"] == "deleted")
    created = next(
        row for row in history if row["kind"] == "created" and "Mật ong" in row["what"]
    )

    assert deleted["who"] == staff.get_full_name()
    assert ("Hàng hóa", "Mật ong", "") in deleted["changes"]
    assert ("Giá trị cam kết (đồng)", "", "5.000.000\xa0₫") in created["changes"]


def test_a_save_that_changes_nothing_is_left_out(staff):
    agreement = agreement_create()
    before = len(agreement_history(agreement=agreement, limit=None))
    _as(agreement.commitments.get(), staff).save()

    assert len(agreement_history(agreement=agreement, limit=None)) == before


def test_reports_and_difficulties_are_in_the_history(staff):
    agreement = agreement_create()
    line = agreement.commitments.get()
    report_create(commitment=line, delivered_on=datetime.date(2024, 6, 3), user=staff)
    difficulty = services.difficulty_raise(
        agreement=agreement,
        user=staff,
        kind=Difficulty.Kind.LOGISTICS,
        description="Thiếu xe lạnh",
    )
    difficulty.status = Difficulty.Status.IN_PROGRESS
    difficulty.assignee = staff
    _as(difficulty, staff).save()

    whats = [row["what"] for row in agreement_history(agreement=agreement, limit=None)]
    changed = agreement_history(agreement=agreement, limit=1)[0]

    assert (
        _("delivery report of %(date)s on “%(label)s”")
        % {"date": "03/06/2024", "label": "Na Chi Lăng"}
        in whats
    )
    assert changed["changes"] == [
        (
            "Trạng thái",
            str(Difficulty.Status.OPEN.label),
            str(Difficulty.Status.IN_PROGRESS.label),
        ),
        ("Người được giao", "—", staff.get_full_name()),
    ]


def test_the_history_costs_the_same_queries_for_few_and_many_changes(
    staff, count_queries
):
    few = agreement_create()
    report_create(
        commitment=few.commitments.get(),
        delivered_on=datetime.date(2024, 6, 1),
        user=staff,
    )
    many = agreement_create(lines=[{"goods": f"Hàng {n}"} for n in range(5)])
    for step in range(6):
        for line in many.commitments.all():
            line.value += 1000
            _as(line, staff).save()
            report_create(
                commitment=line,
                delivered_on=datetime.date(2024, 6, 1 + step),
                user=staff,
            )
        many.notes = f"lần {step}"
        _as(many, staff).save()

    _rows, few_queries = count_queries(agreement_history, agreement=few, limit=None)
    rows, many_queries = count_queries(agreement_history, agreement=many, limit=None)

    assert len(rows) > 60
    assert many_queries == few_queries


def test_staff_see_the_history_on_the_agreement_page(staff):
    agreement = agreement_create(lines=[{"value": 6_000_000}])
    client = Client()
    client.force_login(staff)
    line = agreement.commitments.get()
    line.value = 7_000_000
    _as(line, staff).save()

    page = client.get(agreement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi")

    body = page.content.decode()
    assert 'id="history"' in body
    assert staff.get_full_name() in body
    assert "7.000.000\xa0₫" in body


def test_a_cooperative_does_not_see_the_history(staff):
    agreement = agreement_create()
    partner = agreement.parties.get(partner__isnull=False).partner
    client = Client()
    client.force_login(cooperative_user_create(partner=partner))

    page = client.get(agreement.get_absolute_url())

    assert page.status_code == 200
    assert 'id="history"' not in page.content.decode()


def test_the_export_has_a_change_history_sheet(staff):
    agreement = agreement_create(lines=[{"value": 6_000_000}])
    line = agreement.commitments.get()
    line.value = 7_000_000
    _as(line, staff).save()
    client = Client()
    client.force_login(staff)

    response = client.get(reverse("agreements:export"))

    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Lịch sử thay đổi"].values)
    assert rows[0][:3] == (
        "Số biên bản / Number",
        "Thời gian / When",
        "Người thay đổi / Who",
    )
    assert (
        agreement.number,
        staff.get_full_name(),
        _("line “%(label)s”") % {"label": "Na Chi Lăng"},
        pgettext("change history", "Changed"),
        "Giá trị cam kết (đồng)",
        "6.000.000\xa0₫",
        "7.000.000\xa0₫",
    ) in [(r[0], *r[2:]) for r in rows[1:]]
    assert Commitment.objects.get().value == 7_000_000
