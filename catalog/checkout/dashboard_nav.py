"""Links from Oscar's dashboard menu to checkout's staff pages.

Imported by the settings (``OSCAR_DASHBOARD_NAVIGATION``), so it imports no
models. Oscar's default access check only knows its dashboard apps' URLs.
"""

from __future__ import annotations

from marketplace.core import roles

#: The named permission each staff page checks (see staff_views.py and
#: settlement_views.py), by URL name.
STAFF_PAGE_PERMISSIONS = {
    "checkout:staff-bank-transfers": roles.RECORD_BANK_TRANSFER,
    "checkout:staff-settlement": roles.VIEW_SETTLEMENT,
    "checkout:staff-card-refund": roles.REFUND_PAYMENT,
}


def staff_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    """Return whether the user holds the permission the linked staff page checks."""
    perm = STAFF_PAGE_PERMISSIONS.get(url_name)
    return bool(perm and user.is_active and user.has_perm(perm))
