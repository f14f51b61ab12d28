"""Load benchmark of the public pages: gunicorn (DEBUG off) under wrk, on loopback.

Not part of the test suite. Run with `make bench` (BENCH_ARGS="..." passes
options), or
`.venv/bin/python benchmarks/pages.py [--duration 10] [--connections 8]
[--workers 2] [--products 10000] [--no-redis] [--no-page-cache]`.

It prepares its own database (SQLite under var/bench/, or BENCH_DATABASE_URL;
BENCH_DIR moves the SQLite files and the media elsewhere): migrates it and
loads the demo once. With `--products N` it uses a database of its own per
count (var/bench/db-N.sqlite3: a copy of the demo's, plus N generated
products made by `manage.py bench_products`, indexed for search), built once
and reused by later runs.

As in production it serves the site with REDIS_URL set: it starts its own
`redis-server` on a free loopback port (no persistence) and stops it at the
end; `--no-redis` runs without it (process-memory cache, page cache
versions in the database). Then it serves the site with gunicorn on a free
loopback port with production settings and the database search backend.

Every page is first requested once and must answer 200 (searches must find
something): a page that fails stops the bench with its status, rather than
print a fast figure for an error page. Each page is then warmed up and
loaded with wrk. The table gives requests/s, p50 and p99 latency and the
ratio to a bare view; a "!" marks a page that misses the targets of issue 14
(at least 0.25 of the bare view's requests/s, p99 under 100 ms). The exit
status is 1 when any request failed during the load.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from serving import ROOT, free_port, gunicorn_start, loopback_env, manage

BENCH_DIR = Path(os.environ.get("BENCH_DIR", ROOT / "var" / "bench"))

#: Targets of issue 14, for every page but the bare view itself.
MIN_RATIO = 0.25
MAX_P99_MS = 100.0
#: The type-ahead as the search box asks it, after a few letters.
SUGGEST_PATH = "/shop/tim-kiem/goi-y/?q=mat+o"


def database_url(products: int) -> str:
    """Return the bench database: one SQLite file per product count."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    return f"sqlite:///{sqlite_path(products)}"


def sqlite_path(products: int) -> Path:
    return BENCH_DIR / ("db.sqlite3" if not products else f"db-{products}.sqlite3")


def bench_env(port: int, *, products: int, redis_url: str, page_cache: bool) -> dict:
    return loopback_env(
        name="bench",
        database_url=database_url(products),
        media_root=BENCH_DIR / "media",
        SITE_PORT=str(port),
        # The database search backend, whatever the shell has.
        ELASTICSEARCH_URL="",
        REDIS_URL=redis_url,
        **({} if page_cache else {"PAGE_CACHE_SECONDS": "0"}),
    )


def prepare(env: dict[str, str], *, products: int) -> None:
    """Migrate the database and load the demo; with ``products``, add them."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    building = None
    if products and not os.environ.get("BENCH_DATABASE_URL"):
        target = sqlite_path(products)
        if not target.exists():
            # Start from the demo's database: the demo's images (and their
            # thumbnails) are shared with it through the one media folder.
            demo_env = dict(env, DATABASE_URL=database_url(0))
            prepare(demo_env, products=0)
            print(f"Copying the demo database to {target.name}...", flush=True)
            building = time.perf_counter()
            sqlite_copy(sqlite_path(0), target)
    print("Preparing the database (migrate, demo) and static files...", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "demo", "--quiet-logins")
    if products:
        print(f"Generating {products} products (once per database)...", flush=True)
        output = manage(env, "bench_products", "--count", str(products))
        print("  " + output.strip().splitlines()[-1], flush=True)
        if building is not None:
            print(
                f"  {sqlite_path(products).name} built (copy, migrate, demo, "
                f"products, search index) in {time.perf_counter() - building:.0f}s",
                flush=True,
            )
    manage(env, "collectstatic", "--noinput", "-v", "0")


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy a SQLite database consistently (its WAL included)."""
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    partial.rename(target)


def redis_start() -> tuple[subprocess.Popen, str]:
    """Start a throw-away redis-server on a free loopback port.

    Return the process and its URL.
    """
    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit(
            "redis-server is not installed: apt-get install -y redis-server "
            "(or run with --no-redis)"
        )
    port = free_port()
    process = subprocess.Popen(
        [
            executable,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("redis-server did not answer on its port")


def stop(process: subprocess.Popen | None) -> None:
    """Stop a child process, killing it if it does not end in time."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        # A loaded machine may not let the workers finish in time; the
        # figures are taken, so stop them rather than lose the table.
        process.kill()
        process.wait()


def fetch(base: str, path: str) -> tuple[int, str]:
    """GET ``path`` without following redirects; return status and body."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def fetch_ok(base: str, path: str) -> str:
    """Return the body of ``path``, which must answer 200, or stop the bench."""
    status, body = fetch(base, path)
    if status != 200:
        raise SystemExit(f"{path} answered {status}, not 200: the bench stops here.")
    return body


def discover_urls(base: str) -> dict[str, str]:
    """Find a category, a product and an article on the running site itself."""
    catalogue = fetch_ok(base, "/shop/catalogue/")
    found = {
        "product": re.search(r'href="(/shop/catalogue/[\w-]+_\d+/)"', catalogue),
        "category": re.search(
            r'href="(/shop/catalogue/category/[\w-]+_\d+/)"', catalogue
        ),
        "article": re.search(
            r'href="(?:http://[^/"]+)?(/tin-tuc/[\w-]+/)"', fetch_ok(base, "/tin-tuc/")
        ),
    }
    missing = [name for name, match in found.items() if match is None]
    if missing:
        raise SystemExit(f"No {', '.join(missing)} link found: the bench stops here.")
    return {
        "bare view": "/bare/",
        "home page": "/",
        "news article": found["article"].group(1),
        "catalogue": "/shop/catalogue/",
        "catalogue 4★": "/shop/catalogue/?stars=4",
        "category": found["category"].group(1),
        "product page": found["product"].group(1),
        "cooperatives": "/shop/hop-tac-xa/",
        "storefront": "/shop/hop-tac-xa/htx-dong-banh/",
        'search "mat ong"': "/shop/tim-kiem/?q=mat+ong",
        # Lạng Sơn (province 20): a facet filter on top of the text.
        "search + province": "/shop/tim-kiem/?q=mat+ong&province=20",
        "type-ahead": SUGGEST_PATH,
    }


def check_pages(base: str, urls: dict[str, str]) -> None:
    """Request each page once: each must answer 200, and searches must find."""
    product_link = re.compile(r'href="/shop/catalogue/[\w-]+_\d+/"')
    for name, path in urls.items():
        body = fetch_ok(base, path)
        if path == SUGGEST_PATH:
            if not json.loads(body).get("suggestions"):
                raise SystemExit(f"The type-ahead {path} suggests nothing.")
        elif path.startswith(("/shop/tim-kiem/", "/shop/catalogue/?")):
            if not product_link.search(body):
                raise SystemExit(f"{name} ({path}) lists no product.")


def parse_wrk(output: str) -> dict[str, float]:
    def ms(value: str) -> float:
        # wrk prints "-nan" when no request finished within its timeout.
        match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
        if match is None:
            return float("nan")
        number, unit = match.groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # Anchored: a thread's "+/- Stdev" column may end in "50%" as well.
    p50 = ms(re.search(r"^\s*50%[ \t]+(\S+)", output, re.M).group(1))
    p99 = ms(re.search(r"^\s*99%[ \t]+(\S+)", output, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "socket errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def load(base: str, path: str, *, connections: int, duration: int) -> dict:
    # Warm up: caches, thumbnails, connections.
    subprocess.run(["wrk", "-t1", "-c2", "-d2s", base + path], capture_output=True)
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            base + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def wait_for(base: str, server: subprocess.Popen) -> None:
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit status {server.returncode}).")
        try:
            if fetch(base, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("The site did not answer /healthz within 30 s.")


def report(results: dict, options, redis_url: str) -> bool:
    """Print the table, the pages and the settings.

    Return whether every load ran without a failed request.
    """
    bare = results["bare view"]["rps"]
    print(f"\n{'page':<18} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}")
    clean = True
    for name, r in results.items():
        ratio = r["rps"] / bare if bare else 0
        # The bare view is the yardstick, not a page held to the targets.
        missed = name != "bare view" and (
            ratio < MIN_RATIO or not r["p99"] < MAX_P99_MS
        )
        notes = []
        if r["errors"]:
            notes.append(f"{r['errors']} non-2xx/3xx")
        if r["socket errors"]:
            notes.append(f"{r['socket errors']} socket errors")
        clean = clean and not notes
        print(
            f"{name:<18} {r['rps']:>9.1f} {r['p50']:>8.2f} {r['p99']:>8.2f} "
            f"{ratio:>8.3f} {'!' if missed else ' '}"
            + (f"  ({', '.join(notes)})" if notes else "")
        )
    print(
        f'\n"!": misses a target (vs bare < {MIN_RATIO} or p99 >= {MAX_P99_MS:.0f} ms).'
    )
    print("\nPages:")
    for name, r in results.items():
        print(f"  {name:<18} {r['path']}")
    if os.environ.get("BENCH_DATABASE_URL"):
        database = "BENCH_DATABASE_URL"
    else:
        database = str(sqlite_path(options.products))
    cache = f"Redis ({redis_url})" if redis_url else "process memory (no Redis)"
    page_cache = "on" if options.page_cache else "off (PAGE_CACHE_SECONDS=0)"
    products = "the demo's" + (
        f" + {options.products} generated" if options.products else ""
    )
    finished = datetime.datetime.now(datetime.UTC)
    print(
        "\nSettings:",
        f"gunicorn {options.workers} sync workers, wrk 2 threads x "
        f"{options.connections} connections, {options.duration}s a page "
        "after a 2s warm-up",
        f"cache: {cache}; store page cache: {page_cache}",
        f"database: {database}, database search",
        f"products: {products}",
        f"finished: {finished:%Y-%m-%d %H:%M:%S} UTC",
        sep="\n  ",
    )
    return clean


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--products",
        type=int,
        default=0,
        help="add this many generated products (a database per count)",
    )
    parser.add_argument(
        "--no-redis",
        dest="redis",
        action="store_false",
        help="no Redis: process-memory cache, page cache versions in the database",
    )
    parser.add_argument(
        "--no-page-cache",
        dest="page_cache",
        action="store_false",
        help="switch the store's page cache off (PAGE_CACHE_SECONDS=0): cache misses",
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 1

    port = free_port()
    prepare(
        bench_env(port, products=options.products, redis_url="", page_cache=True),
        products=options.products,
    )
    redis = server = None
    redis_url = ""
    try:
        if options.redis:
            redis, redis_url = redis_start()
        env = bench_env(
            port,
            products=options.products,
            redis_url=redis_url,
            page_cache=options.page_cache,
        )
        server = gunicorn_start(env, port=port, workers=options.workers)
        base = f"http://127.0.0.1:{port}"
        wait_for(base, server)
        urls = discover_urls(base)
        check_pages(base, urls)
        results = {}
        for name, path in urls.items():
            print(f"  loading {name}...", flush=True)
            results[name] = load(
                base, path, connections=options.connections, duration=options.duration
            ) | {"path": path}
    finally:
        stop(server)
        stop(redis)
    return 0 if report(results, options, redis_url) else 1


if __name__ == "__main__":
    sys.exit(main())
