"""Page cache versions: shared by every process, safe with transactions."""

import threading

import pytest
from django.db import connection, connections, transaction

from marketplace.pagecache.versions import versions_bump, versions_get


def _version(name: str) -> int:
    return versions_get([name])[name]


@pytest.mark.django_db
def test_redis_bump_is_seen_at_once_and_again_after_the_commit(
    redis_cache, django_capture_on_commit_callbacks
):
    start = _version("store")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            versions_bump("store")
            versions_bump("store")
            # Seen at once by this process and every other one.
            assert _version("store") == start + 2

    # Once more after the commit, however many rows the transaction wrote:
    # a page rendered from the rows before the commit is not served after it.
    assert len(callbacks) == 1
    assert _version("store") == start + 3


@pytest.mark.django_db
def test_rolled_back_savepoint_does_not_swallow_a_later_bump(
    redis_cache, django_capture_on_commit_callbacks
):
    start = _version("store")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    versions_bump("store")
                    raise RuntimeError("the write failed")
            except RuntimeError:
                pass
            versions_bump("store")

    assert len(callbacks) == 1
    assert _version("store") == start + 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two connections to one database"
)
def test_database_bump_is_seen_by_others_only_with_the_rows_at_commit(settings):
    settings.PAGE_CACHE_VERSIONS = "database"
    start = _version("store")
    seen = {}
    committed = threading.Event()
    bumped = threading.Event()

    def other_process():
        bumped.wait(10)
        seen["during"] = _version("store")
        committed.wait(10)
        seen["after"] = _version("store")
        connections.close_all()

    reader = threading.Thread(target=other_process)
    reader.start()
    with transaction.atomic():
        versions_bump("store")
        bumped.set()
        reader.join(0.5)
    committed.set()
    reader.join(10)

    assert seen == {"during": start, "after": start + 1}
