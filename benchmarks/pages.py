"""Load benchmark of the main pages: gunicorn (DEBUG off) under wrk, on loopback.

Not part of the test suite. Run with `make bench`, or
`.venv/bin/python benchmarks/pages.py [--duration 10] [--connections 8]`.

It prepares its own database (SQLite under var/bench/, or BENCH_DATABASE_URL;
BENCH_DIR moves the SQLite file and the media elsewhere),
migrates it and loads the demo once, serves the site with gunicorn on a free
loopback port with production settings, then loads each page with wrk and
prints requests/s, p50 and p99 latency, and each page's ratio to a bare view.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BENCH_DIR = Path(os.environ.get("BENCH_DIR", ROOT / "var" / "bench"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.production",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'db.sqlite3'}"
        ),
        MEDIA_ROOT=str(BENCH_DIR / "media"),
        SITE_PORT=str(port),
        LOG_LEVEL="ERROR",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare(env: dict[str, str]) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    print("Preparing the database (migrate, demo) and static files...", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "demo", "--quiet-logins")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def discover_urls(base: str) -> dict[str, str]:
    """Find a product and an article on the running site itself."""
    catalogue = urllib.request.urlopen(f"{base}/shop/catalogue/").read().decode()
    product = re.search(r'href="(/shop/catalogue/[\w-]+_\d+/)"', catalogue).group(1)
    news = urllib.request.urlopen(f"{base}/tin-tuc/").read().decode()
    article = re.search(r'href="(?:http://[^/"]+)?(/tin-tuc/[\w-]+/)"', news).group(1)
    return {
        "bare view": "/bare/",
        "home page": "/",
        "catalogue": "/shop/catalogue/",
        "catalogue 4★": "/shop/catalogue/?stars=4",
        "product page": product,
        "news article": article,
        "cooperatives": "/shop/hop-tac-xa/",
        "storefront": "/shop/hop-tac-xa/htx-dong-banh/",
        "search": "/shop/tim-kiem/?q=mat+ong",
    }


def parse_wrk(output: str) -> dict[str, float]:
    def ms(value: str) -> float:
        # wrk prints "-nan" when no request finished within its timeout.
        match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
        if match is None:
            return float("nan")
        number, unit = match.groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = ms(re.search(r"50%\s+(\S+)", output).group(1))
    p99 = ms(re.search(r"99%\s+(\S+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 1

    port = free_port()
    env = bench_env(port)
    prepare(env)
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "marketplace.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        urls = discover_urls(base)
        results = {}
        for name, path in urls.items():
            # Warm up: caches, thumbnails, connections.
            subprocess.run(
                ["wrk", "-t1", "-c2", "-d2s", base + path], capture_output=True
            )
            output = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    f"-c{options.connections}",
                    f"-d{options.duration}s",
                    "--latency",
                    base + path,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[name] = parse_wrk(output) | {"path": path}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # A loaded machine may not let the workers finish in time; the
            # figures are taken, so stop them rather than lose the table.
            server.kill()
            server.wait()

    bare = results["bare view"]["rps"]
    print(
        f"\ngunicorn {options.workers} workers, wrk 2 threads x "
        f"{options.connections} connections, {options.duration}s per page\n"
    )
    print(f"{'page':<14} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}  path")
    for name, r in results.items():
        ratio = r["rps"] / bare if bare else 0
        flag = f"  ({r['errors']} non-2xx)" if r["errors"] else ""
        print(
            f"{name:<14} {r['rps']:>9.1f} {r['p50']:>8.2f} {r['p99']:>8.2f} "
            f"{ratio:>8.3f}  {r['path']}{flag}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
