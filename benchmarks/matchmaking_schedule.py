"""Matchmaking scheduler benchmark: 400 participants and 3,000 accepted
requests onto 40 tables over 2 days.

Not part of the test suite. Runs on a throw-away SQLite file by default, or
on PostgreSQL when BENCH_DATABASE_URL is set (make test starts a server):

    .venv/bin/python benchmarks/matchmaking_schedule.py [--seed 17]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/htx_bench_mm \\
        .venv/bin/python benchmarks/matchmaking_schedule.py

The days run 08:00-18:00 with 15-minute meetings: 40 slots a day, 80 in
all, 3,200 table-slots for 3,000 meetings (94 % full). Participants are
200 cooperatives and 200 businesses; the requests are random pairs (a
cooperative and a business, seeded), with 20 "popular" participants asked
three times as often. It prints the scheduler's time (reading, planning
and the bulk writes), the placement rate, an upper bound of what could be
placed, and fairness figures: when participants' first meetings start, and
the share of the early slots the busiest participants hold.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARTICIPANTS = 400
MEETINGS = 3_000
TABLES = 40
DAYS = 2
HOURS = (datetime.time(8), datetime.time(18))
SLOT_MINUTES = 15


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=17)
    options = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        _create_database(url)
    else:
        folder = tempfile.mkdtemp(prefix="htx-bench-mm-")
        url = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
    os.environ["DEBUG"] = "false"

    import django

    django.setup()
    from django.core.management import call_command

    print(f"database: {url.split('@')[-1]}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s")
    _measure(random.Random(options.seed))
    return 0


def _create_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _build(rng: random.Random):
    from oscar.core.loading import get_model

    from agreements.models import Business, Conference
    from matchmaking.models import (
        Event,
        Meeting,
        MeetingDay,
        MeetingStatus,
        Participant,
        ParticipantStatus,
        Table,
    )

    Partner = get_model("partner", "Partner")
    start = datetime.date(2027, 5, 20)
    conference = Conference.objects.create(
        name="Bench", slug="bench-mm", start_date=start, place="Lạng Sơn"
    )
    event = Event.objects.create(
        conference=conference,
        registration_opens=start - datetime.timedelta(days=60),
        registration_closes=start - datetime.timedelta(days=5),
        slot_minutes=SLOT_MINUTES,
    )
    MeetingDay.objects.bulk_create(
        MeetingDay(
            event=event,
            date=start + datetime.timedelta(days=n),
            starts_at=HOURS[0],
            ends_at=HOURS[1],
        )
        for n in range(DAYS)
    )
    Table.objects.bulk_create(
        Table(event=event, name=f"Bàn {n + 1}", position=n + 1) for n in range(TABLES)
    )
    half = PARTICIPANTS // 2
    partners = Partner.objects.bulk_create(
        Partner(name=f"HTX {n}", code=f"bench-{n}") for n in range(half)
    )
    businesses = Business.objects.bulk_create(
        Business(name=f"Công ty {n}", tax_code=f"0199{n:06d}", kind="distributor")
        for n in range(half)
    )
    approved = ParticipantStatus.APPROVED
    coops = Participant.objects.bulk_create(
        Participant(
            event=event, partner=p, name=p.name, contact_name="A", status=approved
        )
        for p in partners
    )
    buyers = Participant.objects.bulk_create(
        Participant(
            event=event, business=b, name=b.name, contact_name="B", status=approved
        )
        for b in businesses
    )
    popular = set(rng.sample(range(half), 10))
    weights = [3 if n in popular else 1 for n in range(half)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < MEETINGS:
        c = rng.choices(range(half), weights=weights)[0]
        b = rng.choices(range(half), weights=weights)[0]
        pairs.add((c, b))
    meetings = []
    for c, b in pairs:
        coop, buyer = coops[c], buyers[b]
        requester, invitee = (coop, buyer) if rng.random() < 0.4 else (buyer, coop)
        low, high = sorted((coop.pk, buyer.pk))
        meetings.append(
            Meeting(
                event=event,
                requester=requester,
                invitee=invitee,
                pair=f"{low}-{high}",
                status=MeetingStatus.ACCEPTED,
            )
        )
    rng.shuffle(meetings)
    Meeting.objects.bulk_create(meetings, batch_size=1000)
    return event


def _measure(rng: random.Random) -> None:
    from matchmaking.models import Meeting, Seat
    from matchmaking.selectors.meetings import event_slots
    from matchmaking.services.scheduling import meetings_schedule

    started = time.perf_counter()
    event = _build(rng)
    print(
        f"built {PARTICIPANTS} participants, {MEETINGS} accepted requests in "
        f"{time.perf_counter() - started:.1f} s"
    )
    slots = event_slots(event=event)
    degree: Counter = Counter()
    for a, b in Meeting.objects.filter(event=event).values_list(
        "requester_id", "invitee_id"
    ):
        degree[a] += 1
        degree[b] += 1
    # An upper bound: no more than the table-slots, and a participant with
    # more meetings than slots loses the excess.
    excess = sum(max(0, d - len(slots)) for d in degree.values())
    bound = min(MEETINGS - excess, len(slots) * TABLES)
    print(
        f"grid: {DAYS} days {HOURS[0]:%H:%M}-{HOURS[1]:%H:%M}, {SLOT_MINUTES} min, "
        f"{len(slots)} slots x {TABLES} tables = {len(slots) * TABLES} table-slots"
    )
    print(
        f"requests per participant: max {max(degree.values())}, "
        f"median {statistics.median(degree.values())}"
    )

    ticks = []
    started = time.perf_counter()
    result = meetings_schedule(
        event=event, progress=lambda done, total: ticks.append(done)
    )
    elapsed = time.perf_counter() - started
    print(f"scheduled in {elapsed:.2f} s ({len(ticks)} progress reports)")
    print(
        f"placed {result.placed} of {MEETINGS} "
        f"({100 * result.placed / MEETINGS:.1f} %); "
        f"upper bound {bound} ({100 * result.placed / bound:.1f} % of it); "
        f"unplaced {result.unplaced}: {dict(result.reasons)}"
    )
    if result.error:
        print(f"error: {result.error}")

    index = {slot: n for n, slot in enumerate(slots)}
    by_participant = defaultdict(list)
    for participant_id, starts_at in Seat.objects.values_list(
        "participant_id", "starts_at"
    ):
        by_participant[participant_id].append(index[starts_at])
    firsts = sorted(min(v) for v in by_participant.values())
    q = statistics.quantiles(firsts, n=4)
    print(
        f"first meeting (slot index, 0 = day 1 {HOURS[0]:%H:%M}): min {firsts[0]}, "
        f"quartiles {q[0]:.0f}/{q[1]:.0f}/{q[2]:.0f}, max {firsts[-1]}"
    )
    means = [statistics.mean(v) for v in by_participant.values()]
    print(
        f"mean slot per participant: min {min(means):.1f}, "
        f"median {statistics.median(means):.1f}, max {max(means):.1f} "
        f"(of 0-{len(slots) - 1})"
    )
    early = len(slots) // 4
    busiest = [p for p, _ in degree.most_common(20)]
    held = sum(1 for p in busiest for s in by_participant[p] if s < early)
    total_early = sum(1 for v in by_participant.values() for s in v if s < early)
    share_meetings = sum(len(by_participant[p]) for p in busiest) / sum(
        len(v) for v in by_participant.values()
    )
    print(
        f"the 20 busiest hold {100 * held / total_early:.1f} % of the seats in "
        f"the first quarter of the slots, and {100 * share_meetings:.1f} % of "
        "all seats"
    )
    verdict = "OK" if elapsed < 10 else "SLOW"
    print(f"target < 10 s: {verdict}")


if __name__ == "__main__":
    raise SystemExit(main())
