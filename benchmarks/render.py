"""Server time of the store pages on a cache miss, in-process (no HTTP server).

Not part of the test suite. Run with
`.venv/bin/python benchmarks/render.py [--repeat 30] [--profile PAGE]`.

It prepares its own SQLite database under var/bench-render/ (migrate, demo and
collectstatic once; BENCH_RENDER_DIR moves it), then loads Django in this
process with the production settings and the environment of
benchmarks/pages.py (DEBUG off, cached template loader, manifest static
files, process-memory cache), with the whole-page cache off
(PAGE_CACHE_SECONDS=0), and requests each page through Django's test client.

For each page it prints the number of queries, the median and 90th
percentile of the server (wall) time and the median CPU time of the process
(on a machine shared with other work, the wall time also counts waiting for
a core), twice: cold (the cache cleared before each
request: no product cards, no thumbnail keys) and warm (the cache kept). Each
page is requested once before timing, so the compiled templates are in
memory as in a worker that has served a few pages.

`--profile NAME` runs cProfile over warm requests of one page instead and
prints the functions with the most cumulative time.
"""

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

from serving import ROOT, loopback_env, manage

BENCH_DIR = Path(os.environ.get("BENCH_RENDER_DIR", ROOT / "var" / "bench-render"))

PAGES = {
    # A view with no template and no query: what the machine's load costs
    # every request, to read the other rows against.
    "bare view": "/bare/",
    "product page": None,  # found on the catalogue page itself
    "catalogue": "/shop/catalogue/",
    "catalogue 4★": "/shop/catalogue/?stars=4",
    "category": None,  # the first category linked from the catalogue
    "catalogue p2": "/shop/catalogue/?page=2",
    "storefront": "/shop/hop-tac-xa/htx-dong-banh/",
    "directory": "/shop/hop-tac-xa/",
    "search": "/shop/tim-kiem/?q=mat+ong",
    "type-ahead": "/shop/tim-kiem/goi-y/?q=mat",
}


def bench_env() -> dict[str, str]:
    """Return the environment of benchmarks/pages.py, without the page cache."""
    return loopback_env(
        name="bench",
        database_url=f"sqlite:///{BENCH_DIR / 'db.sqlite3'}",
        media_root=BENCH_DIR / "media",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PAGE_CACHE_SECONDS="0",
        # The database search backend, as in the figures.
        ELASTICSEARCH_URL="",
        REDIS_URL="",
    )


def prepare(env: dict[str, str]) -> None:
    """Migrate and load the demo once; collect static files every run."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if not (BENCH_DIR / "db.sqlite3").exists():
        print("Preparing the database (migrate, demo)...", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "demo", "--quiet-logins")
    # The manifest storage refuses a file it has not collected.
    manage(env, "collectstatic", "--noinput", "-v", "0")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="requests per page")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile one page")
    parser.add_argument(
        "--cold", action="store_true", help="profile with the cache cleared"
    )
    parser.add_argument("--only", metavar="PAGE", action="append", help="pages to run")
    options = parser.parse_args()

    env = bench_env()
    prepare(env)
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.utils.module_loading import import_string

    # A tree in the middle of a change may name a middleware that is not
    # there yet; measure without it rather than not at all, and say so.
    for path in list(settings.MIDDLEWARE):
        try:
            import_string(path)
        except ImportError:
            print(f"warning: skipping middleware {path} (not importable)")
            settings.MIDDLEWARE.remove(path)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    class QueryCounter:
        # Counts through an execute wrapper: the request handler closes and
        # reopens the SQLite connection, which CaptureQueriesContext misses.
        def __init__(self):
            self.count = 0

        def __call__(self, execute, sql, params, many, context):
            self.count += 1
            return execute(sql, params, many, context)

    # The CPU time of each request, next to its wall time: on a machine
    # shared with other work the wall time also counts the waits for a core.
    cpu: list[float] = []

    def count_queries(path: str) -> int:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            get(path)
        return counter.count

    client = Client()
    catalogue = client.get("/shop/catalogue/").content.decode()
    PAGES["product page"] = re.search(
        r'href="(/shop/catalogue/[\w-]+_\d+/)"', catalogue
    ).group(1)
    category = re.search(r'href="(/shop/catalogue/category/[\w/-]+_\d+/)"', catalogue)
    PAGES["category"] = category.group(1) if category else None
    pages = {
        name: path
        for name, path in PAGES.items()
        if path and (not options.only or name in options.only)
    }

    def get(path: str) -> float:
        started = time.perf_counter()
        cpu_started = time.process_time()
        response = client.get(path)
        cpu.append((time.process_time() - cpu_started) * 1000)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return elapsed

    if options.profile:
        path = pages[options.profile]
        get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(options.repeat):
            if options.cold:
                profiler.disable()
                cache.clear()
                profiler.enable()
            get(path)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(int(os.environ.get("PROFILE_LINES", "60")))
        if os.environ.get("PROFILE_CALLERS"):
            stats.print_callers(os.environ["PROFILE_CALLERS"])
        return 0

    print(
        f"{'page':<13} {'path':<40} {'queries':>7} "
        f"{'cold p50':>8} {'p90':>6} {'cpu':>6} {'warm p50':>8} {'p90':>6} {'cpu':>6}"
    )
    for name, path in pages.items():
        get(path)  # compile the templates, open the connection
        cache.clear()
        cold_queries = count_queries(path)
        warm_queries = count_queries(path)
        cold, warm = [], []
        cpu.clear()
        for _ in range(options.repeat):
            cache.clear()
            cold.append(get(path))
        cold_cpu = list(cpu)
        get(path)
        cpu.clear()
        for _ in range(options.repeat):
            warm.append(get(path))
        warm_cpu = list(cpu)
        queries = f"{cold_queries}/{warm_queries}"
        print(
            f"{name:<13} {path[:40]:<40} {queries:>7} "
            f"{statistics.median(cold):>8.1f} {percentile(cold, 0.9):>6.1f} "
            f"{statistics.median(cold_cpu):>6.1f} "
            f"{statistics.median(warm):>8.1f} {percentile(warm, 0.9):>6.1f} "
            f"{statistics.median(warm_cpu):>6.1f}",
            flush=True,
        )
    print(
        "queries: cold/warm; ms of server time in-process: wall p50 and p90, "
        "and the median CPU time of this process"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
