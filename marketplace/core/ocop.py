"""When an OCOP rating counts: the one home of the rule.

A product's OCOP stars count from the certificate's issue until its expiry
date, inclusive, in the site's time zone (``TIME_ZONE``, Asia/Ho_Chi_Minh):
a certificate that expires today still counts today and not tomorrow. An
expired certificate keeps its row, so the product stays listed without its
badge.

The rule is written here once, in the three forms its readers need: a
``Q`` for querysets (over any field path: the certificate's own columns,
``ocop_certificate__…`` from a product, or a search index's copy), a SQL
condition for hand-written queries, and a Python test for loaded values.
"""

import datetime

from django.db.models import Q
from django.utils import timezone


def ocop_today() -> datetime.date:
    """Return the day OCOP validity is judged on: today in the site's zone."""
    return timezone.localdate()


def ocop_in_force(
    *,
    on: datetime.date | None = None,
    stars: str = "stars",
    expires_on: str = "expires_on",
) -> Q:
    """Return the filter for a rating in force on ``on`` (today by default).

    ``stars`` and ``expires_on`` name the fields holding the rating and its
    expiry, e.g. ``ocop_certificate__stars`` from a product.
    """
    return Q(**{f"{stars}__isnull": False, f"{expires_on}__gte": on or ocop_today()})


def ocop_in_force_sql(
    stars: str, expires_on: str, *, on: datetime.date | None = None
) -> tuple[str, list]:
    """Return ``(condition, params)``: the same rule for raw SQL columns."""
    return f"{stars} IS NOT NULL AND {expires_on} >= %s", [on or ocop_today()]


def ocop_stars_in_force(
    stars: int | None,
    expires_on: datetime.date | None,
    *,
    on: datetime.date | None = None,
) -> int | None:
    """Return ``stars`` if the rating is in force on ``on``, else None."""
    if stars and expires_on and expires_on >= (on or ocop_today()):
        return stars
    return None
