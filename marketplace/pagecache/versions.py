"""Version counters every process shares: a bump is seen by the next request anywhere.

With a shared cache (Redis: ``REDIS_URL``) the counters live there; otherwise
in the database (``PageCacheVersion``), never in one process's memory, where
another worker would not see the bump. ``PAGE_CACHE_VERSIONS`` ("cache" or
"database") overrides the choice.

A bump inside a transaction:

- in the database, is part of the transaction: it becomes visible with the
  rows it describes, at the commit;
- in Redis, happens at once (so the writer's next read misses) and again
  after the commit, so a page rendered from the rows before the commit and
  stored under the first bump is not served after it.

Each write bumps at once; the bump after the commit is done once per name
and transaction, however many rows it wrote.
"""

import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import PageCacheVersion

_CACHE_PREFIX = "pagecache:version:"


def _backend() -> str:
    chosen = getattr(settings, "PAGE_CACHE_VERSIONS", "")
    if chosen:
        return chosen
    return "cache" if getattr(settings, "REDIS_URL", "") else "database"


def _start() -> int:
    # A counter created anew (a flushed database, an evicted key) must not
    # meet the numbers of entries stored before it: start from the clock.
    return time.time_ns() // 1000


def versions_get(names: Iterable[str]) -> dict[str, int]:
    """Return the current version of each name (creating missing ones)."""
    names = sorted(set(names))
    if _backend() == "cache":
        keys = {_CACHE_PREFIX + name: name for name in names}
        found = cache.get_many(list(keys))
        versions = {keys[key]: value for key, value in found.items()}
        for name in names:
            if name not in versions:
                cache.add(_CACHE_PREFIX + name, _start(), None)
                versions[name] = cache.get(_CACHE_PREFIX + name)
        return versions
    versions = dict(
        PageCacheVersion.objects.filter(name__in=names).values_list("name", "version")
    )
    for name in names:
        if name not in versions:
            versions[name] = _database_create(name)
    return versions


def _database_create(name: str) -> int:
    try:
        with transaction.atomic():
            return PageCacheVersion.objects.create(name=name, version=_start()).version
    except IntegrityError:
        # Another process created it first.
        return PageCacheVersion.objects.get(name=name).version


def _bump_now(names: Iterable[str]) -> None:
    if _backend() == "cache":
        for name in names:
            key = _CACHE_PREFIX + name
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, _start(), None)
        return
    for name in names:
        if not PageCacheVersion.objects.filter(name=name).update(
            version=F("version") + 1
        ):
            _database_create(name)


class _AfterCommit:
    """The on-commit callback of one transaction's bumps (and their record)."""

    def __init__(self, names: set[str]):
        self.names = names

    def __call__(self) -> None:
        if _backend() == "cache":
            _bump_now(self.names)


def _registered_after_commit(connection) -> set[str]:
    # Callbacks of a rolled-back transaction or savepoint are dropped from
    # this list, so a later write registers its own.
    names: set[str] = set()
    for entry in connection.run_on_commit:
        func = entry[1]
        if isinstance(func, _AfterCommit):
            names |= func.names
    return names


def versions_bump(*names: str) -> None:
    """Move each name to a new version: every page depending on it is redone."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        after_commit = set(names) - _registered_after_commit(connection)
        if after_commit:
            transaction.on_commit(_AfterCommit(after_commit))
    # Every time, not once per transaction: this transaction's own reads
    # (a test's, a view's after its write) must not meet a page stored
    # before the write.
    _bump_now(sorted(set(names)))
