"""Small helpers for the SQL our querysets send."""

from collections.abc import Collection

from django.db import connection
from django.db.models.expressions import RawSQL


def in_values(values: Collection, db_type: str):
    """Return the right-hand side of an ``__in`` filter for many values.

    On PostgreSQL: one array parameter (``UNNEST(%s::<db_type>[])``), because
    Django binds a placeholder per value and psycopg rewrites the query for
    each: for hundreds or thousands of values that costs more than the query.
    Elsewhere: the values as a list.
    """
    if connection.vendor == "postgresql":
        return RawSQL(f"SELECT UNNEST(%s::{db_type}[])", (list(values),))
    return list(values)
