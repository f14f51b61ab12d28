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
QUERIES = [
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
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
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

    from marketplace.search.database import TS_CONFIG, fold_for_index
    from marketplace.search.models import ProductSearchCategory, ProductSearchEntry

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    have = ProductSearchEntry.objects.count()
    if have >= count:
        print(f"Reusing {have} generated products.")
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
            cooperative = f"htx-{rng.randint(1, 400)}"
            entries.append(
                ProductSearchEntry(
                    product_id=product.pk,
                    name=product.title,
                    folded_name=fold_for_index(product.title),
                    folded_text=fold_for_index(product.title, cooperative),
                    cooperative_slug=cooperative,
                    cooperative_name=cooperative,
                    province_code=rng.choice([20, 86, 1, 79, 48]),
                    ocop_stars=stars,
                    ocop_expires_on=(
                        now.date().replace(year=now.year + 1) if stars else None
                    ),
                    price=rng.choice([25, 45, 60, 120, 180, 250, 350, 600]) * 1000,
                    available=rng.random() > 0.1,
                    date=now,
                )
            )
            categories.append(
                ProductSearchCategory(
                    entry_id=product.pk, slug=f"cat-{rng.randint(1, 12)}"
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
            key = ", ".join(f"{k}={v}" for k, v in spec.items())
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                results = product_search(ProductQuery(**spec))
                elapsed = (time.perf_counter() - started) * 1000
            timings.setdefault(key, []).append(elapsed)
            query_counts[key] = len(captured.captured_queries)
            assert results.total >= 0
    everything = sorted(t for ts in timings.values() for t in ts)
    print(f"\n{'query':<62} {'p50 ms':>8} {'max ms':>8} {'SQL':>4}")
    for key, ts in timings.items():
        print(
            f"{key[:62]:<62} {statistics.median(ts):>8.1f} {max(ts):>8.1f} "
            f"{query_counts[key]:>4}"
        )
    p95 = everything[int(0.95 * (len(everything) - 1))]
    print(
        f"\nAll {len(everything)} searches: "
        f"p50 {statistics.median(everything):.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
