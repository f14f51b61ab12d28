"""Agreements import benchmark: a 20,000-row sheet through the import tasks.

Not part of the test suite. Needs a PostgreSQL server (make test starts one):

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/htx_bench_import \\
        .venv/bin/python benchmarks/agreements_import.py [--rows 20000]

It creates (or reuses) that database, migrates it, builds the sheet in memory
(two lines per agreement), then runs the job's two tasks as a worker would:
the check (every row read and checked, nothing written) and, once
"confirmed", the write (checked again, then bulk inserts in one
transaction). It prints the time of each step and the progress a poller
saw from another connection while the write's transaction was open.
"""

import argparse
import datetime
import io
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    options = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url or not url.startswith("postgres"):
        print("Set BENCH_DATABASE_URL to a PostgreSQL database.", file=sys.stderr)
        return 1
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
    os.environ["DEBUG"] = "false"
    _create_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _measure(options.rows)
    return 0


def _create_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _sheet(rows: int, prefix: str, coop: str, tax: str) -> bytes:
    from openpyxl import Workbook

    from agreements.imports.columns import IMPORT_COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([header for _key, header in IMPORT_COLUMNS])
    for n in range(rows):
        sheet.append(
            [
                f"{prefix}-{n // 2:06d}",
                datetime.date(2025, 4, 20),
                "purchase",
                datetime.date(2025, 5, 1),
                datetime.date(2025, 12, 31),
                coop,
                tax,
                f"Na Chi Lăng {n}",
                "kg",
                1000 + n % 7,
                45_000_000 + n,
                datetime.date(2025, 8, 1),
                datetime.date(2025, 9, 30),
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _poll(job_id: int, seen: list, stop: threading.Event) -> None:
    """Read the job's progress from another connection, as the page does."""
    from django.db import connection

    from agreements.models import ImportJob

    try:
        while not stop.is_set():
            row = (
                ImportJob.objects.filter(pk=job_id)
                .values_list("status", "rows_done", "rows_total")
                .first()
            )
            if row and (not seen or seen[-1] != row):
                seen.append(row)
            time.sleep(0.2)
    finally:
        connection.close()


def _measure(rows: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from oscar.core.loading import get_model

    from agreements import tasks
    from agreements.models import Business, Conference, ImportJob

    Partner = get_model("partner", "Partner")
    User = get_user_model()
    coop, _ = Partner.objects.get_or_create(code="bench-htx", defaults={"name": "HTX"})
    business, _ = Business.objects.get_or_create(
        tax_code="0109999999", defaults={"name": "Bench", "kind": "distributor"}
    )
    conference, _ = Conference.objects.get_or_create(
        slug="bench-import",
        defaults={"name": "Bench", "start_date": datetime.date(2025, 4, 20)},
    )
    user, _ = User.objects.get_or_create(
        username="bench-import", defaults={"is_staff": True}
    )
    prefix = f"B{int(time.time())}"
    started = time.perf_counter()
    content = _sheet(rows, prefix, coop.code, business.tax_code)
    print(
        f"sheet: {rows} rows, {len(content) / 1e6:.1f} MB, built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    job = ImportJob(conference=conference, created_by=user, file_name="bench.xlsx")
    job.file.save("bench.xlsx", ContentFile(content), save=False)
    job.save()

    started = time.perf_counter()
    tasks.import_job_check.call(job.pk)
    job.refresh_from_db()
    print(
        f"check: {time.perf_counter() - started:.1f} s -> {job.status}, "
        f"{job.preview.get('agreements')} agreements, "
        f"{job.preview.get('lines')} lines, {len(job.errors)} errors"
    )
    if job.status != ImportJob.Status.READY:
        return

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    seen: list = []
    stop = threading.Event()
    poller = threading.Thread(target=_poll, args=(job.pk, seen, stop))
    poller.start()
    started = time.perf_counter()
    tasks.import_job_run.call(job.pk)
    elapsed = time.perf_counter() - started
    stop.set()
    poller.join()
    job.refresh_from_db()
    print(
        f"write (check again + insert): {elapsed:.1f} s -> {job.status}, "
        f"{job.agreements_created} agreements, {job.commitments_created} lines"
    )
    progress = [done for status, done, _total in seen if status == "importing"]
    print(f"progress seen by another connection while importing: {progress}")


if __name__ == "__main__":
    sys.exit(main())
