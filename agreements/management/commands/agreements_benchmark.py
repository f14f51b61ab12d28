"""Benchmark the register on a large database (not part of the suite).

Generates 10,000 agreements, 40,000 commitments and 200,000 delivery reports
(bulk inserts; each line's cache of verified deliveries is refreshed by the
report queryset), then times the dashboard and filtered lists through
Django's test client: server time (median and 95th percentile of several
runs), the median CPU time of this process, and query count.

    createdb -h 127.0.0.1 -p 55432 -U postgres htx_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:55432/htx_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py agreements_benchmark

SQLite works too (``DATABASE_URL=sqlite:////tmp/htx_bench.sqlite3``, after
``migrate``). Refuses to run on a database that holds agreements other than
its own.
"""

import datetime
import random
import statistics
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model

from agreements.models import (
    Agreement,
    AgreementParty,
    Business,
    Commitment,
    Conference,
    DeliveryReport,
    Difficulty,
)
from agreements.services import delivery_reports_bulk_create, follow_ups_schedule

Partner = get_model("partner", "Partner")
PREFIX = "BENCH-"


class Command(BaseCommand):
    help = "Generate a large register in a database of its own and time the pages."

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=10_000)
        parser.add_argument("--lines", type=int, default=4, help="Commitments each.")
        parser.add_argument("--reports", type=int, default=5, help="Reports per line.")
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, **options):
        if connection.vendor not in ("postgresql", "sqlite"):
            raise CommandError(
                "Run the benchmark on PostgreSQL or SQLite (set DATABASE_URL)."
            )
        theirs = Agreement.objects.exclude(number__startswith=PREFIX).exists()
        if theirs:
            raise CommandError(
                "This database holds real agreements; use a separate one."
            )
        if not Agreement.objects.exists():
            started = time.perf_counter()
            self._generate(options["agreements"], options["lines"], options["reports"])
            self.stdout.write(f"Generated in {time.perf_counter() - started:.1f} s")
        self.stdout.write(
            f"{Agreement.objects.count()} agreements, {Commitment.objects.count()} "
            f"commitments, {DeliveryReport.objects.count()} delivery reports"
        )
        self._time(options["runs"])

    def _generate(self, n_agreements: int, n_lines: int, n_reports: int) -> None:
        rng = random.Random(42)
        today = timezone.localdate()
        with transaction.atomic():
            partners = Partner.objects.bulk_create(
                [
                    Partner(name=f"HTX Benchmark {i}", code=f"bench-{i}")
                    for i in range(60)
                ]
            )
            businesses = Business.objects.bulk_create(
                [
                    Business(
                        name=f"Doanh nghiệp {i}",
                        tax_code=f"99{i:08d}",
                        kind="distributor",
                        province_code=rng.choice([1, 20, 24, 79, 86]),
                    )
                    for i in range(500)
                ]
            )
            conferences = Conference.objects.bulk_create(
                [
                    Conference(
                        name=f"Hội nghị kết nối {2015 + i}",
                        slug=f"bench-{i}",
                        start_date=datetime.date(2015 + i, 4, 20),
                    )
                    for i in range(10)
                ]
            )
            self.stdout.write("Agreements…")
            agreements = []
            for i in range(n_agreements):
                conf = conferences[i % len(conferences)]
                signed = min(conf.start_date, today)
                agreements.append(
                    Agreement(
                        number=f"{PREFIX}{i:06d}",
                        conference=conf,
                        signed_on=signed,
                        kind=rng.choice(
                            ["purchase", "inputs", "linkage", "distribution"]
                        ),
                        valid_from=signed,
                        valid_until=signed
                        + datetime.timedelta(days=rng.choice([365, 730, 1825, 4000])),
                        cancelled=i % 97 == 0,
                        cancel_reason="Benchmark" if i % 97 == 0 else "",
                    )
                )
            agreements = Agreement.objects.bulk_create(agreements, batch_size=5000)
            parties, lines = [], []
            for a in agreements:
                coop = partners[rng.randrange(len(partners))]
                parties.append(
                    AgreementParty(agreement=a, partner=coop, role="supplier")
                )
                parties.append(
                    AgreementParty(
                        agreement=a,
                        business=businesses[rng.randrange(len(businesses))],
                        role="buyer",
                    )
                )
                for j in range(n_lines):
                    quantity = Decimal(rng.choice([100, 500, 1000, 5000]))
                    lines.append(
                        Commitment(
                            agreement=a,
                            partner=coop,
                            goods=f"Hàng hóa {j % 12}",
                            unit=rng.choice(["kg", "hộp", "chai"]),
                            quantity=quantity,
                            value=int(quantity) * rng.choice([30_000, 60_000, 120_000]),
                            period_start=a.valid_from,
                            period_end=a.valid_until,
                        )
                    )
            AgreementParty.objects.bulk_create(parties, batch_size=5000)
            self.stdout.write("Commitments…")
            lines = Commitment.objects.bulk_create(lines, batch_size=5000)
            self.stdout.write("Delivery reports…")
            now = timezone.now()
            batch = []
            for line in lines:
                share = rng.choice([0.0, 0.2, 0.5, 0.8, 1.0])
                span = max(1, (min(line.period_end, today) - line.period_start).days)
                for k in range(n_reports):
                    batch.append(
                        DeliveryReport(
                            commitment=line,
                            delivered_on=line.period_start
                            + datetime.timedelta(days=rng.randrange(span)),
                            quantity=max(
                                Decimal("0.01"),
                                line.quantity * Decimal(share) / n_reports,
                            ),
                            unit=line.unit,
                            value=max(1, int(line.value * share / n_reports)),
                            verified_at=now if k % 6 else None,
                        )
                    )
                if len(batch) >= 20_000:
                    delivery_reports_bulk_create(reports=batch)
                    batch = []
            delivery_reports_bulk_create(reports=batch)
            Difficulty.objects.bulk_create(
                [
                    Difficulty(
                        agreement=a,
                        kind="logistics",
                        description="Benchmark",
                        deadline=today
                        - datetime.timedelta(days=rng.randrange(-60, 60)),
                        raised_on=a.signed_on,
                    )
                    for a in agreements[::20]
                ]
            )
            for a in agreements[::50]:
                follow_ups_schedule(agreement=a)
        with connection.cursor() as cursor:
            # As autovacuum would: statistics, and the visibility map that
            # lets the month series read the report index alone.
            cursor.execute(
                "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
            )

    def _time(self, runs: int) -> None:
        User = get_user_model()
        user, _ = User.objects.get_or_create(
            username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
        )
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        conference = Conference.objects.order_by("start_date").last()
        pages = {
            "dashboard (overall)": "/agreements/dashboard/",
            "dashboard (one conference)": conference.get_absolute_url(),
            "list (all, newest first)": "/agreements/list/",
            "list (behind only)": "/agreements/list/?behind=on",
            "list (conference, province, by fulfilment)": (
                f"/agreements/list/?conference={conference.pk}&province=20&sort=fulfilment"
            ),
        }
        self.stdout.write(
            f"{'page':<45} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} "
            f"{'cpu ms':>7} {'queries':>8}"
        )
        for label, url in pages.items():
            assert client.get(url).status_code == 200, url  # warm up
            times, cpu = [], []
            for _ in range(runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                # This process's CPU (on SQLite, the queries' too): less
                # swayed than the wall clock by other work on the machine.
                cpu.append((time.process_time() - started_cpu) * 1000)
                assert response.status_code == 200
            p95 = (
                statistics.quantiles(times, n=20, method="inclusive")[-1]
                if len(times) > 1
                else times[0]
            )
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            self.stdout.write(
                f"{label:<45} {statistics.median(times):>10.0f} {p95:>8.0f} "
                f"{max(times):>8.0f} {statistics.median(cpu):>7.0f} "
                f"{len(captured.captured_queries):>8}"
            )
