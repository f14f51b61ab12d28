"""Two gunicorn workers on PostgreSQL and Redis both serve every change at once.

The test process writes (as staff or a cooperative would, committed); the
workers serve the pages from the shared cache. After each change, every
request, whichever worker answers it, shows the change.
"""

import datetime
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from cms.models import HomePage, NewsIndexPage
from marketplace.sites import sites_configure
from tests.cms.conftest import add_page, article
from tests.factories.cooperatives import cooperative_create, listed_product_create

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the workers share PostgreSQL"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def workers(migrated_db, redis_cache, tmp_path):
    """Serve the site with gunicorn, two workers, on the test database and Redis."""
    port = _free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="marketplace.settings.test",
        DATABASE_URL=_database_url(),
        REDIS_URL=redis_cache,
        PAGE_CACHE_VERSIONS="cache",
        DATABASE_CONN_MAX_AGE="0",
    )
    access_log = tmp_path / "access.log"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "marketplace.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(p)s %(U)s %(s)s",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base, access_log
    finally:
        server.terminate()
        server.wait(timeout=20)


def _fetch(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


def _fetch_many(url: str, times: int = 16) -> list[tuple[str, str]]:
    # Concurrent requests, so that both workers answer some.
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(_fetch, [url] * times))


def _pids_that_served(access_log: Path) -> set[str]:
    return set(re.findall(r"^<(\d+)> \S+ 200$", access_log.read_text(), re.MULTILINE))


def test_both_workers_serve_a_price_a_publication_and_an_expiry_at_once(workers):
    base, log = workers
    root = Page.get_first_root_node()
    home = add_page(root, HomePage(title="Liên minh HTX tỉnh", slug="trang-chu"))
    sites_configure(root_page=home)
    news = add_page(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    article(news, 1, title="Tin cũ")
    cooperative = cooperative_create(name="HTX Đồng Bành", slug="htx-dong-banh")
    product = listed_product_create(
        cooperative=cooperative, title="Na Chi Lăng", price=60000, stars=4
    )
    product_url = base + product.get_absolute_url()
    stars_url = base + "/shop/catalogue/?stars=4"

    # Every worker has the pages in the shared cache.
    for url in (product_url, stars_url, base + "/"):
        served = _fetch_many(url)
        assert {status for status, _ in served[4:]} == {"hit"}, url
    assert len(_pids_that_served(log)) == 2

    # A cooperative changes the price.
    record = product.stockrecords.get()
    record.price = 75000
    record.save()
    for _status, html in _fetch_many(product_url):
        assert "75.000" in html and "60.000" not in html
    for _status, html in _fetch_many(base + "/shop/catalogue/"):
        assert "75.000" in html

    # An editor publishes an article.
    article(news, 2, title="Tin vừa đăng")
    for _status, html in _fetch_many(base + "/"):
        assert "Tin vừa đăng" in html

    # The OCOP certificate expired yesterday: the 4-star filter drops it.
    certificate = product.ocop_certificate
    certificate.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    certificate.issued_on = certificate.expires_on - datetime.timedelta(days=365)
    certificate.save()
    for _status, html in _fetch_many(stars_url):
        assert "Na Chi Lăng" not in html
