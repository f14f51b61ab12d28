"""Links from Oscar's dashboard menu to checkout's staff pages.

Imported by the settings (``OSCAR_DASHBOARD_NAVIGATION``), so it imports no
models. Oscar's default access check only knows its dashboard apps' URLs.
"""

from __future__ import annotations


def staff_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    """Return whether the user may open checkout's staff pages (alliance staff)."""
    return bool(user.is_active and user.is_staff)
