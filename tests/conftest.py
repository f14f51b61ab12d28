"""Fixtures shared by the whole suite: the demo, a real Chromium, query counting."""

import os
import shutil

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import CaptureQueriesContext

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


_MIGRATED_SNAPSHOT: dict[str, str] = {}
_BLOCKER = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Snapshot what the migrations wrote (page tree root, groups, sites...)."""
    with django_db_blocker.unblock():
        _MIGRATED_SNAPSHOT["default"] = connection.creation.serialize_db_to_string()
    _BLOCKER.append(django_db_blocker)


def _migrated_data_restore() -> None:
    """Load the snapshot into the (flushed) database."""
    connection.creation.deserialize_db_from_string(_MIGRATED_SNAPSHOT["default"])
    # The snapshot's rows keep their ids; move the sequences past them, as
    # loaddata does, or the next insert collides with id 1.
    models = apps.get_models(include_auto_created=True)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put back what the migrations wrote.

    Whatever order tests run in (pytest-xdist hands files to workers as they
    free up), the next test finds the database as migrated: the Wagtail root
    page, Oscar's countries, the groups.
    """
    yield
    # After the last test the test database is already gone.
    if nextitem is not None and _is_transactional(item) and _BLOCKER:
        with _BLOCKER[0].unblock():
            # pytest-django's flush ran post_migrate, which created content
            # types and permissions in its own order: their ids would collide
            # with the snapshot's. Empty the tables again without it.
            call_command(
                "flush", interactive=False, inhibit_post_migrate=True, verbosity=0
            )
            _migrated_data_restore()


def _is_transactional(item) -> bool:
    """Return whether the test ends with pytest-django flushing the database."""
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.fixture
def migrated_db(transactional_db):
    """A committed database holding exactly what the migrations wrote.

    Browser tests need committed data (the live server reads it from another
    thread). Each one flushes and reloads the snapshot, so none sees what an
    earlier one left, and none depends on pytest-django's serialized rollback.
    """
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    _migrated_data_restore()


@pytest.fixture
def count_queries():
    """Return a function that runs a callable and returns (result, query count)."""

    def run(func, *args, **kwargs):
        with CaptureQueriesContext(connection) as captured:
            result = func(*args, **kwargs)
        return result, len(captured.captured_queries)

    return run


@pytest.fixture
def demo(db):
    """Load the whole demo (cooperatives, products, pages, logins)."""
    from marketplace.demo.loader import demo_load

    return demo_load()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (its own browser download fails here)."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make test` to install it")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django
    # calls the tests make around it are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    """A fresh browser tab in a fresh context (no cookies), Vietnamese locale."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Write uploads of each test session to a temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


@pytest.fixture
def no_page_cache(settings):
    """Render every request: query counts measure rendering, not the page cache."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def redis_server_url():
    """A real Redis server (Debian's), started by tests/scripts/redis.sh if need be."""
    import subprocess

    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        subprocess.run(["bash", "tests/scripts/redis.sh"], check=True)
        url = "redis://127.0.0.1:56379"
    return url


@pytest.fixture
def redis_cache(settings, redis_server_url):
    """Django's cache on that Redis, one database per pytest worker, emptied."""
    from django.core.cache import cache

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    number = int(worker[2:]) + 1 if worker.startswith("gw") else 1
    url = f"{redis_server_url}/{number}"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # As marketplace/settings/base.py: processes started with REDIS_URL
            # (the gunicorn workers of a test) share the keys.
            "KEY_PREFIX": "htx",
        }
    }
    cache.clear()
    yield url
    cache.clear()
