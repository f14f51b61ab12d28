"""Which links of Oscar's dashboard menu a user sees.

Oscar's menu asks only the page's own dashboard app; the dashboard's named
permissions (apps.py) wrap every page on top of those, so the menu asks both.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import resolve, reverse
from oscar.apps.dashboard.nav import default_access_fn
from oscar.views.decorators import check_permissions


def dashboard_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    """Return whether the user may open the dashboard page ``url_name``."""
    if url_name is None:  # a heading: shown when one of its links is
        return True
    if not default_access_fn(user, url_name, url_args, url_kwargs):
        return False
    match = resolve(reverse(url_name, args=url_args, kwargs=url_kwargs))
    permissions = apps.get_app_config("dashboard").get_permissions(match.url_name)
    return check_permissions(user, permissions)
