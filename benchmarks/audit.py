"""Lighthouse audit of the main pages, served like production on loopback.

Not part of the test suite. Run with `make audit`, or
`.venv/bin/python benchmarks/audit.py [--pages home,product] [--presets mobile]
[--fail-under 95]`.

It installs Lighthouse under var/tools/ when missing (npm, nothing global),
prepares its own SQLite database and media under var/audit/ (migrate, demo,
collectstatic), serves the site with gunicorn and the production settings
(DEBUG off, WhiteNoise's compressed static files, compressed HTML), then runs
Lighthouse in Debian's Chromium on each page, mobile and desktop, and prints a
markdown table of the four category scores and, per page, the audits that
failed. The basket is audited holding one product (a guest's basket cookie)
and the cooperative area as dongbanh@htx.local (a session cookie), both passed
with Lighthouse's `--extra-headers`.
"""

import argparse
import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

from serving import ROOT, free_port, gunicorn_start, loopback_env, manage

AUDIT_DIR = Path(os.environ.get("AUDIT_DIR", ROOT / "var" / "audit"))
TOOLS_DIR = ROOT / "var" / "tools"
LIGHTHOUSE = TOOLS_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = ("mobile", "desktop")
#: The cooperative staff login whose area is audited (created by `demo`).
COOPERATIVE_LOGIN = "dongbanh@htx.local"
#: Pages in the table's order: (key, label).
PAGES = (
    ("home", "home"),
    ("article", "article"),
    ("documents", "documents"),
    ("catalogue", "catalogue"),
    ("product", "product"),
    ("storefront", "storefront"),
    ("directory", "directory"),
    ("search", "search results"),
    ("basket", "basket (1 item)"),
    ("cooperative", "cooperative area"),
)


def audit_env(port: int) -> dict[str, str]:
    """Return the environment of the embedded default, served like production."""
    return loopback_env(
        name="audit",
        database_url=f"sqlite:///{AUDIT_DIR / 'db.sqlite3'}",
        media_root=AUDIT_DIR / "media",
        PRIVATE_MEDIA_ROOT=str(AUDIT_DIR / "private"),
        SITE_PORT=str(port),
        # The audit is of the embedded default, whatever the shell exports.
        REDIS_URL="",
        ELASTICSEARCH_URL="",
        MEDIA_S3_BUCKET="",
    )


def lighthouse_install() -> None:
    """Install Lighthouse under var/tools/ unless it is there already."""
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        raise SystemExit("npm is not installed: apt-get install -y npm")
    print("Installing Lighthouse into var/tools/ ...", flush=True)
    TOOLS_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TOOLS_DIR)]
        + ["lighthouse"],
        check=True,
    )


def prepare(env: dict[str, str], *, fresh: bool) -> None:
    """Migrate a fresh database, load the demo, collect the static files."""
    if fresh and AUDIT_DIR.exists():
        shutil.rmtree(AUDIT_DIR)
    AUDIT_DIR.mkdir(parents=True, exist_ok=True)
    print("Preparing the database (migrate, demo) and static files...", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "demo", "--quiet-logins")
    manage(env, "collectstatic", "--noinput", "-v", "0")


SESSION_SCRIPT = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model, load_backend
user = get_user_model().objects.get(email={email!r})
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
# The first backend that loads users (the login throttle only refuses logins).
store[BACKEND_SESSION_KEY] = next(
    path for path in settings.AUTHENTICATION_BACKENDS
    if hasattr(load_backend(path), "get_user")
)
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
print(store.session_key)
"""


def session_cookie(env: dict[str, str], email: str) -> str:
    """Return a `Cookie` header value logging the browser in as ``email``."""
    key = manage(env, "shell", "-c", SESSION_SCRIPT.format(email=email)).strip()
    key = key.splitlines()[-1]
    return f"sessionid={key}"


def basket_cookie(port: int, product_path: str) -> str:
    """Put one product in a guest's basket; return the basket's `Cookie` value.

    The CSRF check accepts an unmasked secret sent as both cookie and form
    field (the site is on plain HTTP here, so no Referer check).
    """
    product_id = re.search(r"_(\d+)/$", product_path).group(1)
    token = secrets.token_hex(16)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        f"/shop/basket/add/{product_id}/",
        body=f"csrfmiddlewaretoken={token}&quantity=1",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}",
            "Host": f"127.0.0.1:{port}",
        },
    )
    response = connection.getresponse()
    response.read()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    connection.close()
    basket = [f"{m.key}={m.value}" for m in cookies.values() if "basket" in m.key]
    if response.status not in (200, 302) or not basket:
        raise SystemExit(
            f"Could not fill a basket from {product_path}: HTTP {response.status}"
        )
    return "; ".join(basket)


def fetch(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return response.read().decode()


def discover_urls(base: str) -> dict[str, str]:
    """Find a product and an article on the running site itself."""
    catalogue = fetch(base, "/shop/catalogue/")
    product = re.search(
        r'href="(?:https?://[^/"]+)?(/shop/catalogue/[^"/?#]+_\d+/)"', catalogue
    ).group(1)
    news = fetch(base, "/tin-tuc/")
    article = re.search(
        r'href="(?:https?://[^/"]+)?(/tin-tuc/(?!chuyen-muc/|the/)[\w-]+/)"', news
    ).group(1)
    return {
        "home": "/",
        "article": article,
        "documents": "/van-ban/",
        "catalogue": "/shop/catalogue/",
        "product": product,
        "storefront": "/shop/hop-tac-xa/htx-dong-banh/",
        "directory": "/shop/hop-tac-xa/",
        "search": "/shop/tim-kiem/?q=mat+ong",
        "basket": "/shop/basket/",
        "cooperative": "/shop/hop-tac-xa/quan-ly/",
    }


def transport_check(base: str, page_path: str) -> list[str]:
    """Return what is wrong with compression and caching (empty when all is well)."""
    problems = []
    request = urllib.request.Request(
        base + page_path, headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        html = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            html = gzip.decompress(html)
        else:
            problems.append(f"HTML of {page_path} is sent uncompressed")
    match = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html)
    if match is None:
        problems.append(f"no hashed stylesheet found on {page_path}")
        return problems
    request = urllib.request.Request(
        base + match.group(1).decode(), headers={"Accept-Encoding": "gzip, br"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.headers.get("Content-Encoding") not in ("gzip", "br"):
            problems.append(f"{match.group(1).decode()} is sent uncompressed")
        cache = response.headers.get("Cache-Control", "")
        age = re.search(r"max-age=(\d+)", cache)
        if age is None or int(age.group(1)) < 31_536_000:
            problems.append(f"{match.group(1).decode()}: Cache-Control {cache!r}")
    return problems


def lighthouse_run(
    url: str, *, preset: str, headers: dict[str, str], report: Path
) -> dict | None:
    """Run Lighthouse on ``url``; return its JSON result (None if it failed)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=60000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    if headers:
        header_file = report.with_suffix(".headers.json")
        header_file.write_text(json.dumps(headers))
        command.append(f"--extra-headers={header_file}")
    env = dict(os.environ, CHROME_PATH=CHROME_PATH)
    run = subprocess.run(command, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        # One page's failure (Chromium timing out on a loaded machine) should
        # not lose the others' results.
        print("  Lighthouse failed:", *run.stderr.strip().splitlines()[-5:], sep="\n  ")
        return None
    return json.loads(report.read_text())


def scores_and_failures(result: dict) -> tuple[dict[str, int | None], list[str]]:
    """Return each category's score (0-100) and the ids of the failed audits."""
    scores = {}
    failures = []
    for name in CATEGORIES:
        category = result["categories"].get(name)
        score = category and category.get("score")
        scores[name] = None if score is None else round(score * 100)
        for ref in category["auditRefs"] if category else []:
            audit = result["audits"][ref["id"]]
            # Scored audits only: informative ones carry no pass or fail.
            if (
                ref.get("weight", 0) > 0
                and audit.get("score") is not None
                and audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
                and audit["score"] < 0.9
            ):
                failures.append(ref["id"])
    return scores, failures


def cell(value: int | None) -> str:
    return "—" if value is None else str(value)


def table_print(
    results: dict[tuple[str, str], tuple[dict, list[str]]],
    *,
    pages: list[str],
    presets: list[str],
    urls: dict[str, str],
) -> int:
    """Print the scores and failed audits; return the lowest score (0 if missing)."""
    print(
        "\n| page | performance m/d | accessibility m/d | best practices m/d "
        "| SEO m/d |\n|---|---|---|---|---|"
    )
    lowest = 100
    for key, label in PAGES:
        if key not in pages:
            continue
        row = [label]
        for name in CATEGORIES:
            values = []
            for preset in PRESETS:
                if preset not in presets:
                    values.append("—")
                    continue
                # A page Lighthouse could not score counts as failing.
                value = results.get((key, preset), ({}, []))[0].get(name)
                values.append(cell(value))
                lowest = min(lowest, value or 0)
            row.append(" / ".join(values))
        print("| " + " | ".join(row) + " |")
    print("\nFailed audits (score < 0.9; m mobile, d desktop):")
    for key, label in PAGES:
        failed = sorted(
            {
                f"{audit} ({preset[0]})"
                for preset in presets
                for audit in results.get((key, preset), ({}, []))[1]
            }
        )
        if key in pages:
            print(f"- {label} ({urls.get(key, '?')}): {', '.join(failed) or 'none'}")
    return lowest


def verdict(lowest: int, fail_under: int | None) -> int:
    if fail_under is not None and lowest < fail_under:
        print(f"\nLowest score {lowest} is under {fail_under}.")
        return 1
    return 0


def reports_read(reports: Path) -> tuple[dict, dict[str, str]]:
    """Return the results and URLs of the reports a previous run left."""
    results, urls = {}, {}
    for key, _label in PAGES:
        for preset in PRESETS:
            path = reports / f"{key}-{preset}.json"
            if path.exists():
                result = json.loads(path.read_text())
                results[key, preset] = scores_and_failures(result)
                urls[key] = urllib.parse.urlsplit(result["requestedUrl"]).path
    return results, urls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages",
        default=",".join(key for key, _ in PAGES),
        help="comma-separated keys: " + ", ".join(key for key, _ in PAGES),
    )
    parser.add_argument("--presets", default=",".join(PRESETS))
    parser.add_argument(
        "--fail-under",
        type=int,
        default=None,
        help="exit 1 when any score is below this (default: only report)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="reuse var/audit/ instead of starting from a fresh database",
    )
    parser.add_argument(
        "--from-reports",
        action="store_true",
        help="print the table of the reports in var/audit/reports/ without running",
    )
    options = parser.parse_args()
    pages = [key for key, _ in PAGES if key in options.pages.split(",")]
    presets = [p for p in PRESETS if p in options.presets.split(",")]
    if options.from_reports:
        results, urls = reports_read(AUDIT_DIR / "reports")
        lowest = table_print(results, pages=pages, presets=presets, urls=urls)
        return verdict(lowest, options.fail_under)
    if not os.path.exists(CHROME_PATH):
        print(f"Chromium not found at {CHROME_PATH}: apt-get install -y chromium")
        return 1

    lighthouse_install()
    port = free_port()
    env = audit_env(port)
    prepare(env, fresh=not options.keep_db)
    cooperative_cookie = session_cookie(env, COOPERATIVE_LOGIN)
    server = gunicorn_start(env, port=port, workers=options.workers)
    base = f"http://127.0.0.1:{port}"
    reports = AUDIT_DIR / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    results: dict[tuple[str, str], tuple[dict, list[str]]] = {}
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        urls = discover_urls(base)
        cookies = {
            "basket": basket_cookie(port, urls["product"]),
            "cooperative": cooperative_cookie,
        }
        transport = transport_check(base, urls["catalogue"])
        for key in pages:
            # Warm caches (page cache, thumbnails) so the first run is not
            # charged for them.
            request = urllib.request.Request(
                base + urls[key], headers={"Cookie": cookies.get(key, "")}
            )
            try:
                urllib.request.urlopen(request, timeout=60).read()
            except urllib.error.HTTPError as error:
                print(f"  {key}: {urls[key]} answers {error.code}; skipped")
                continue
            for preset in presets:
                headers = {"Accept-Language": "vi-VN,vi;q=0.9"}
                if key in cookies:
                    headers["Cookie"] = cookies[key]
                print(f"Lighthouse: {key} ({preset}) {urls[key]}", flush=True)
                # Chromium sometimes loses the trace on a busy machine
                # (NO_NAVSTART): try once more before giving up on the page.
                for _attempt in range(2):
                    result = lighthouse_run(
                        base + urls[key],
                        preset=preset,
                        headers=headers,
                        report=reports / f"{key}-{preset}.json",
                    )
                    if result is not None and not result.get("runtimeError"):
                        break
                if result is None:
                    continue
                if result.get("runtimeError"):
                    print(f"  {result['runtimeError'].get('message')}", flush=True)
                results[key, preset] = scores_and_failures(result)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    lowest = table_print(results, pages=pages, presets=presets, urls=urls)
    print(
        "\nTransport: "
        + (
            "; ".join(transport)
            or "HTML and CSS compressed, hashed static files cached for a year"
        )
    )
    print(f"Reports: {reports}/<page>-<preset>.json")
    return verdict(lowest, options.fail_under)


if __name__ == "__main__":
    sys.exit(main())
