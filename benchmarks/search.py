"""Search benchmark: 100,000 products on PostgreSQL, mixed queries with facets.

Not part of the test suite. Needs a PostgreSQL server (make test starts one):

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/htx_bench_search \\
        .venv/bin/python benchmarks/search.py [--products 100000] [--rounds 5]

It creates (or reuses) that database, migrates it, generates the products
and their search rows in bulk once, then times each query of a mixed set
(text, filters, facets, sorts) through the search service and prints p50
and p95 server time, and the number of SQL queries per search.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = (
    "mật ong na chi lăng bưởi da xanh thạch đen chè tán hồi quýt vàng tinh dầu "
    "kẹo dừa sầu riêng miến dong măng khô gạo nếp hoa vàng quế hồi khô trà "
    "sấy dẻo hộp quà rượu phấn hoa chuối chôm chôm măng cụt lạp sườn khâu nhục"
).split()
#: Generated products are listed over three years.
SPREAD_MINUTES = 3 * 365 * 24 * 60
#: The entry columns each category row copies.
FACET_KEYS = (
    "cooperative_slug",
    "province_code",
    "ocop_stars",
    "ocop_expires_on",
    "price",
)
PROVINCES = (20, 86, 1, 79, 48)
QUERIES = [
    {},
    {"text": "mat ong"},
    {"text": "thach den trang dinh"},
    {"text": "buoi da xanh", "stars": (4,)},
    {"text": "keo dua", "price_range": "under-50k"},
    {"text": "na chi lang", "province_codes": (20,), "sort": "price_asc"},
    {"text": "Mật ong", "sort": "stars"},
    {"text": "buoi da xnah"},
    {"text": "tinh dau hoi", "category_slugs": ("cat-3",)},
    {"stars": (5,), "sort": "newest"},
    {"province_codes": (86,), "price_range": "100k-200k"},
    {"category_slugs": ("cat-2",), "sort": "price_asc"},
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--browse-cache",
        action="store_true",
        help="give the index a version token, as indexing does, so browsing "
        "without text reads its facet counts from the cache after the first "
        "search (default: no token, every search counts its facets)",
    )
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
    _generate(options.products)
    _set_version(options.browse_cache)
    _measure(options.rounds)
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


def _generate(count: int) -> None:
    from django.db import connection
    from django.utils import timezone
    from oscar.core.loading import get_model

    from marketplace.search.database.text import TS_CONFIG, fold_for_index
    from marketplace.search.models import ProductSearchCategory, ProductSearchEntry

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    have = ProductSearchEntry.objects.count()
    if have >= count:
        print(f"Reusing {have} generated products.")
        _spread_dates()
        _vacuum()
        return
    print(f"Generating {count} products and their search rows...", flush=True)
    rng = random.Random(42)
    product_class, _ = ProductClass.objects.get_or_create(
        slug="bench", defaults={"name": "Bench"}
    )
    started = time.perf_counter()
    batch = 5000
    now = timezone.now()
    for start in range(have, count, batch):
        products = []
        for i in range(start, min(start + batch, count)):
            title = " ".join(rng.sample(WORDS, rng.randint(2, 5))).capitalize()
            products.append(
                Product(
                    title=f"{title} {i}",
                    slug=f"bench-{i}",
                    product_class=product_class,
                    structure="standalone",
                    is_public=True,
                )
            )
        created = Product.objects.bulk_create(products)
        entries, categories = [], []
        for product in created:
            stars = rng.choice([None, None, 3, 4, 5])
            number = rng.randint(1, 400)
            cooperative = f"htx-{number}"
            entry = ProductSearchEntry(
                product_id=product.pk,
                name=product.title,
                folded_name=fold_for_index(product.title),
                folded_text=fold_for_index(product.title, cooperative),
                cooperative_slug=cooperative,
                cooperative_name=cooperative,
                # A cooperative's products are in its province.
                province_code=PROVINCES[number % len(PROVINCES)],
                ocop_stars=stars,
                ocop_expires_on=(
                    now.date().replace(year=now.year + 1) if stars else None
                ),
                price=rng.choice([25, 45, 60, 120, 180, 250, 350, 600]) * 1000,
                available=rng.random() > 0.1,
                # Listed over three years, as a live catalogue is: "newest"
                # must not find the whole match tied on one date.
                date=now - datetime.timedelta(minutes=rng.randint(0, SPREAD_MINUTES)),
            )
            entries.append(entry)
            # One or two categories, each row carrying the entry's facet
            # keys as entries_write copies them.
            for slug in {f"cat-{rng.randint(1, 12)}" for _ in range(rng.randint(1, 2))}:
                categories.append(
                    ProductSearchCategory(
                        entry_id=product.pk,
                        slug=slug,
                        **{key: getattr(entry, key) for key in FACET_KEYS},
                    )
                )
        ProductSearchEntry.objects.bulk_create(entries)
        ProductSearchCategory.objects.bulk_create(categories)
        print(f"  {min(start + batch, count)}/{count}", flush=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE htx_search_productsearchentry SET search_vector = "
            f"setweight(to_tsvector('{TS_CONFIG}', name), 'A') || "
            f"setweight(to_tsvector('{TS_CONFIG}', folded_text), 'C')"
        )
    _vacuum()
    print(f"Generated in {time.perf_counter() - started:.0f}s")


def _spread_dates() -> None:
    """Spread the dates of rows generated by an older version of this script.

    It gave every product the same date; spread them deterministically over
    three years so "newest" is measured as a live catalogue would be.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(DISTINCT date) FROM htx_search_productsearchentry")
        if cursor.fetchone()[0] > 1:
            return
        print("Spreading the generated dates over three years...", flush=True)
        cursor.execute(
            "UPDATE htx_search_productsearchentry SET date = date - "
            "make_interval(mins => ((product_id * 7919) %% %s)::int)",
            [SPREAD_MINUTES],
        )


def _vacuum() -> None:
    """Vacuum and analyse the search tables, as autovacuum would in service.

    Browsing without text counts facets with index-only scans, which need
    the visibility map a vacuum sets; right after a bulk load it is empty.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "htx_search_productsearchentry",
            "htx_search_productsearchcategory",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")


def _set_version(cached: bool) -> None:
    """Give the index a fresh version token, or none (no browse cache)."""
    from django.db import transaction

    from marketplace.search.database import products as database
    from marketplace.search.models import SearchIndexVersion

    SearchIndexVersion.objects.all().delete()
    if cached:
        with transaction.atomic():
            database._index_changed()
    print(f"Browse facet cache: {'on' if cached else 'off'}")


def _measure(rounds: int) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from marketplace.search.query import ProductQuery
    from marketplace.search.service import product_search

    for spec in QUERIES:  # warm up
        product_search(ProductQuery(**spec))
    timings: dict[str, list[float]] = {}
    query_counts: dict[str, int] = {}
    for _ in range(rounds):
        for spec in QUERIES:
            key = _label(spec)
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                results = product_search(ProductQuery(**spec))
                elapsed = (time.perf_counter() - started) * 1000
            timings.setdefault(key, []).append(elapsed)
            query_counts[key] = len(captured.captured_queries)
            assert results.total >= 0
    everything = sorted(t for ts in timings.values() for t in ts)
    print(f"\n{'query':<62} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4}")
    for key, ts in timings.items():
        print(
            f"{key[:62]:<62} {statistics.median(ts):>8.1f} {_p95(ts):>8.1f} "
            f"{query_counts[key]:>4}"
        )
    kinds = {"with text": [], "without text": []}
    for spec in QUERIES:
        key = _label(spec)
        kinds["with text" if spec.get("text") else "without text"] += timings[key]
    for kind, ts in kinds.items():
        print(
            f"Searches {kind}: p50 {statistics.median(ts):.1f} ms, "
            f"p95 {_p95(ts):.1f} ms"
        )
    print(
        f"All {len(everything)} searches: "
        f"p50 {statistics.median(everything):.1f} ms, p95 {_p95(everything):.1f} ms"
    )


def _label(spec: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in spec.items()) or "(everything)"


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[int(0.95 * (len(ordered) - 1))]


if __name__ == "__main__":
    sys.exit(main())
