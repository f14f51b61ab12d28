"""Every URL pattern, requested by every role, answers as the matrix says.

The matrix (access_matrix.py) names each pattern of the project with the
status each role gets for an object it does not own; the three big admin
trees (Wagtail's, Django's, Oscar's dashboard) have one entry each, checked
on every one of their patterns for the roles that must stay out. A pattern
with no entry fails, and so does an entry whose pattern is gone: the failure
prints the line to add, with the statuses seen.
"""

import logging
import os
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.signals import user_logged_out
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.marketplace.access_matrix import LOGIN, MATRIX, TREES
from tests.marketplace.access_world import ANONYMOUS, ROLES, world_build
from tests.marketplace.url_walk import regex_matches, sample_path, url_patterns

pytestmark = pytest.mark.django_db

#: Set to a file name to write every status seen (for updating the matrix).
RECORD = os.environ.get("ACCESS_MATRIX_RECORD")

_REDIRECTS = {301, 302, 303, 307, 308}


def _login_paths() -> set[str]:
    return {
        reverse(name)
        for name in (
            "customer:login",
            "wagtailadmin_login",
            "admin:login",
            "dashboard:login",
            "wagtailcore_login",
        )
    }


class _Clients:
    """One test client per role, logged in again if a request logged it out."""

    def __init__(self, world):
        self.world = world
        self.clients = {}
        self.logged_out = set()
        for role in ROLES:
            client = Client()
            if role != ANONYMOUS:
                client.force_login(world.users[role])
            self.clients[role] = client

    def get(self, role):
        client = self.clients[role]
        cookie = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
        if role != ANONYMOUS and (cookie is None or not cookie.value):
            # Wagtail's logout view drops the session cookie even when it
            # answers a GET with 405, without the logged-out signal.
            self.logged_out.add(role)
        if role in self.logged_out:
            self.clients[role].force_login(self.world.users[role])
            self.logged_out.discard(role)
        return self.clients[role]

    def on_logout(self, sender, user, **kwargs):
        for role, role_user in self.world.users.items():
            if user is not None and role_user.pk == user.pk:
                self.logged_out.add(role)


def _status(response, login_paths) -> int | str:
    if response.status_code in _REDIRECTS:
        if urlparse(response.headers.get("Location", "")).path in login_paths:
            return LOGIN
    return response.status_code


def _request(clients, role, method, path, login_paths) -> int | str:
    client = clients.get(role)
    try:
        response = getattr(client, method)(path)
    except Exception as error:  # noqa: BLE001  (reported with the others)
        return f"raised {type(error).__name__}: {error}"[:200]
    return _status(response, login_paths)


def _path(pattern, entry, world) -> str:
    """Return the path to request for the pattern (the entry's objects, or a sample)."""
    if entry is not None and entry.path is not None:
        path = entry.path(world)
    elif entry is not None and entry.kwargs is not None and pattern.name:
        path = reverse(pattern.name, kwargs=entry.kwargs(world))
    else:
        path = sample_path(pattern)
    return path


def test_every_url_pattern_answers_each_role_as_the_matrix_says(settings):
    # Signed-cookie sessions save a query per request; the walk makes
    # thousands. Refusals are logged with a traceback each: not needed here.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    logging.disable(logging.WARNING)
    world = world_build()
    patterns = url_patterns()
    login_paths = _login_paths()
    clients = _Clients(world)
    user_logged_out.connect(clients.on_logout)
    problems: list[str] = []
    recorded: list[str] = []
    try:
        keys = {pattern.key for pattern in patterns}
        for key in sorted(set(MATRIX) - keys):
            problems.append(f"{key!r}: in the matrix, but no URL pattern has it")
        for pattern in patterns:
            entry = MATRIX.get(pattern.key)
            tree = next((t for t in TREES if pattern.route.startswith(t.prefix)), None)
            try:
                path = _path(pattern, entry, world)
            except NoReverseMatch as error:
                problems.append(f"{pattern.key!r}: cannot build its URL ({error})")
                continue
            if not regex_matches(pattern, path.split("?")[0]):
                problems.append(
                    f"{pattern.key!r}: {path} does not reach the pattern;"
                    " give its kwargs in the matrix"
                )
                continue
            if entry is not None:
                checks = [("get", role, entry.expect[role]) for role in ROLES]
                checks += [("post", role, s) for role, s in entry.post.items()]
            elif tree is not None:
                checks = [("get", role, tree.outsiders) for role in tree.roles]
                checks += [("post", role, tree.outsiders) for role in tree.post_roles]
            else:
                checks = [("get", role, None) for role in ROLES]
            seen = {}
            for method, role, expected in checks:
                status = _request(clients, role, method, path, login_paths)
                seen[(method, role)] = status
                allowed = expected if isinstance(expected, frozenset) else {expected}
                if expected is not None and status not in allowed:
                    problems.append(
                        f"{pattern.key!r} {method.upper()} {path} as {role}:"
                        f" expected {expected!r}, got {status!r}"
                    )
            if entry is None and tree is None:
                statuses = {role: seen[("get", role)] for role in ROLES}
                problems.append(
                    f"{pattern.key!r} ({pattern.route}): no entry in the matrix;"
                    f" seen {statuses}"
                )
            if RECORD:
                recorded.append(
                    f"{pattern.key!r} {path} "
                    + repr({f"{m} {r}": s for (m, r), s in seen.items()})
                )
    finally:
        logging.disable(logging.NOTSET)
        user_logged_out.disconnect(clients.on_logout)
        if RECORD:
            with open(RECORD, "w", encoding="utf-8") as out:
                out.write("\n".join(recorded) + "\n")

    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
