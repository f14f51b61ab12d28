"""Import jobs: the upload is checked in the background, staff read the
preview and confirm it, and only the confirm writes. The job's pages are for
agreements staff only."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from agreements import tasks
from agreements.imports.columns import IMPORT_COLUMNS
from agreements.models import Agreement, Commitment, ImportJob
from tests.agreements.test_import import row, sheet_bytes
from tests.factories.agreements import (
    business_create,
    conference_create,
    cooperative_create,
    cooperative_user_create,
    staff_user_create,
    user_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    coop = cooperative_create(name="HTX A")
    coop.code = "htx-a"
    coop.save()
    business = business_create(tax_code="0101234567")
    return coop, business


@pytest.fixture
def staff(client):
    user = staff_user_create()
    client.force_login(user)
    return user


def _upload(client, conference, content: bytes, name: str = "hn.xlsx", **extra):
    return client.post(
        reverse("agreements:import"),
        {"conference": conference.pk, "file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE="en",
        **extra,
    )


def test_an_upload_is_checked_and_previewed_and_nothing_is_written(
    client, staff, parties
):
    # given a valid sheet of two agreements
    conference = conference_create()
    content = sheet_bytes([row("01/BB"), row("01/BB", goods="Na sấy"), row("02/BB")])

    # when staff upload it
    response = _upload(client, conference, content)

    # then its page shows what would be recorded, and nothing is written yet
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:import-job", args=[job.pk])
    assert (job.status, job.rows_total, job.rows_done) == ("ready", 3, 3)
    assert job.created_by == staff
    assert job.file_name == "hn.xlsx"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 agreements" in html
    assert "4 parties" in html
    assert "3 lines" in html
    assert 'id="import-preview"' in html
    assert "Import 2 agreements" in html
    assert not Agreement.objects.exists()


def test_the_confirm_writes_every_row_and_shows_the_outcome(client, staff, parties):
    # given a checked upload
    conference = conference_create()
    _upload(client, conference, sheet_bytes([row("01/BB"), row("02/BB")]))
    job = ImportJob.objects.get()

    # when staff confirm it
    response = client.post(
        reverse("agreements:import-confirm", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    # then every row is written and the page links to the agreements
    job.refresh_from_db()
    assert response.status_code == 302
    assert (job.status, job.agreements_created, job.commitments_created) == (
        "done",
        2,
        2,
    )
    assert job.percent == 100
    assert set(Agreement.objects.values_list("number", flat=True)) == {
        "01/BB",
        "02/BB",
    }
    assert set(Agreement.objects.values_list("conference", flat=True)) == {
        conference.pk
    }
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "2 agreements with 2 lines imported." in page.content.decode()
    assert f"/agreements/list/?conference={conference.pk}" in page.content.decode()


def test_a_second_confirm_writes_nothing_more(client, staff, parties):
    conference = conference_create()
    _upload(client, conference, sheet_bytes([row("01/BB")]))
    job = ImportJob.objects.get()
    url = reverse("agreements:import-confirm", args=[job.pk])
    client.post(url)

    response = client.post(url, HTTP_ACCEPT_LANGUAGE="en", follow=True)

    assert Agreement.objects.count() == 1
    assert "This import is not waiting for confirmation." in response.content.decode()


def test_the_confirm_checks_again_and_writes_nothing_if_the_register_changed(
    client, staff, parties
):
    # given a checked upload, then an agreement with one of its numbers
    conference = conference_create()
    _upload(client, conference, sheet_bytes([row("01/BB"), row("02/BB")]))
    job = ImportJob.objects.get()
    from tests.factories.agreements import agreement_create

    agreement_create(number="02/BB")

    # when staff confirm
    client.post(reverse("agreements:import-confirm", args=[job.pk]))

    # then nothing is written and the error names the row and column
    job.refresh_from_db()
    assert job.status == "failed"
    assert Agreement.objects.count() == 1
    with translation.override("en"):
        page = client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert (
        "Row 3, column A (Number): An agreement with this number already exists."
        in page.content.decode()
    )


def test_a_sheet_with_a_huge_number_fails_with_its_row_and_column(
    client, staff, parties
):
    conference = conference_create()

    response = _upload(client, conference, sheet_bytes([row("01/BB", value=10**25)]))

    job = ImportJob.objects.get()
    assert job.status == "failed"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Nothing was imported: 1 error." in html
    assert (
        "Row 2, column K (Value (VND)): The value must be at most "
        "10,000,000,000,000 dong." in html
    )
    assert "/confirm/" not in html
    assert not Agreement.objects.exists()


def test_a_failed_job_cannot_be_confirmed(client, staff, parties):
    conference = conference_create()
    _upload(client, conference, sheet_bytes([row("01/BB", quantity=-1)]))
    job = ImportJob.objects.get()

    client.post(reverse("agreements:import-confirm", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == "failed"
    assert not Agreement.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_by_the_form(
    client, staff, parties
):
    conference = conference_create()

    response = _upload(client, conference, b"%PDF-1.4 not a sheet", name="hn.xlsx")

    assert response.status_code == 200
    assert "Upload an Excel file (.xlsx)." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_upload_with_fetch_answers_the_job_page_to_open(client, staff, parties):
    conference = conference_create()

    response = _upload(
        client, conference, sheet_bytes([row("01/BB")]), HTTP_X_REQUESTED_WITH="fetch"
    )

    job = ImportJob.objects.get()
    assert response.json() == {
        "ok": True,
        "redirect": f"/agreements/import/{job.pk}/",
        "status_url": f"/agreements/import/{job.pk}/status/",
    }


def test_the_status_endpoint_gives_the_progress(client, staff, parties):
    conference = conference_create()
    _upload(client, conference, sheet_bytes([row("01/BB"), row("02/BB")]))
    job = ImportJob.objects.get()

    response = client.get(
        reverse("agreements:import-status", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.json() == {
        "id": job.pk,
        "status": "ready",
        "label": "Ready to import",
        "running": False,
        "percent": 100,
        "rows_done": 2,
        "rows_total": 2,
        "errors": 0,
        "url": f"/agreements/import/{job.pk}/",
    }


def test_a_running_job_page_shows_an_accessible_progress_bar(client, staff, parties):
    conference = conference_create()
    job = ImportJob.objects.create(
        conference=conference,
        created_by=staff,
        status="importing",
        rows_total=400,
        rows_done=100,
    )

    page = client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    html = page.content.decode()
    assert (
        '<progress id="import-progress" max="100" value="25" '
        'aria-label="Import progress">25 %</progress>' in html
    )
    assert "100 of 400 rows" in html
    assert f'data-status-url="/agreements/import/{job.pk}/status/"' in html


def _job_for(conference) -> ImportJob:
    return ImportJob.objects.create(conference=conference, status="ready")


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", 302),
        ("buyer", 404),
        ("cooperative", 404),
        ("staff", 200),
        ("other_staff", 200),
        ("admin", 200),
    ],
)
def test_the_job_pages_are_for_agreements_staff_only(client, parties, who, expected):
    # given a job uploaded by one member of staff
    owner = staff_user_create(username="owner")
    job = ImportJob.objects.create(
        conference=conference_create(), created_by=owner, status="failed"
    )
    users = {
        "buyer": lambda: user_create(username="buyer"),
        "cooperative": lambda: cooperative_user_create(partner=parties[0]),
        "staff": lambda: owner,
        "other_staff": lambda: staff_user_create(username="other"),
        "admin": lambda: user_create(
            username="admin", is_staff=True, is_superuser=True
        ),
    }
    if who in users:
        client.force_login(users[who]())

    # when they open the job's page and its status
    statuses = [
        client.get(reverse("agreements:import-job", args=[job.pk])).status_code,
        client.get(reverse("agreements:import-status", args=[job.pk])).status_code,
    ]
    confirm = client.post(reverse("agreements:import-confirm", args=[job.pk]))

    # then only agreements staff (and superusers) are let in
    assert statuses == [expected, expected]
    assert confirm.status_code == (302 if expected != 404 else 404)
    if who == "anonymous":
        assert "/login/" in confirm["Location"]


def test_the_confirm_answers_only_post(client, staff, parties):
    job = _job_for(conference_create())

    response = client.get(reverse("agreements:import-confirm", args=[job.pk]))

    assert response.status_code == 405


def _big_sheet(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([header for _key, header in IMPORT_COLUMNS])
    for n in range(rows):
        # Two lines per agreement.
        sheet.append(row(f"{n // 2:05d}/BB", goods=f"Hàng {n}"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_two_thousand_rows_run_through_the_tasks_with_progress_to_the_end(
    client, staff, parties, monkeypatch
):
    # given a sheet of 2,000 rows (1,000 agreements), and a record of progress
    conference = conference_create()
    seen: list[tuple[str, int, int]] = []
    update = tasks._job_update

    def recording_update(job_id, **fields):
        update(job_id, **fields)
        job = ImportJob.objects.get(pk=job_id)
        seen.append((job.status, job.rows_done, job.rows_total))

    monkeypatch.setattr(tasks, "_job_update", recording_update)
    started = time.monotonic()

    # when staff upload and confirm it
    _upload(client, conference, _big_sheet(2000))
    job = ImportJob.objects.get()
    client.post(reverse("agreements:import-confirm", args=[job.pk]))

    # then the check reported its way to 100 %, and every row was written
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total, job.percent) == (
        "done",
        2000,
        2000,
        100,
    )
    checking = [done for status, done, _t in seen if status == "validating"]
    assert checking == sorted(checking)
    assert len(checking) >= 5
    assert checking[-1] == 2000
    assert ("ready", 2000, 2000) in seen
    assert Agreement.objects.count() == 1000
    assert Commitment.objects.count() == 2000
    assert time.monotonic() - started < 60
