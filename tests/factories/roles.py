"""Users in each of the site's roles (marketplace/core/roles.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from marketplace.core import roles


def role_user_create(*, username: str, group: str | None = None, **fields):
    """Create an active user, in the role's group when one is given."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@htx.test", password="pw", **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def finance_user_create(*, username: str = "finance"):
    """An alliance employee in the Finance staff group (no is_staff)."""
    return role_user_create(username=username, group=roles.FINANCE_STAFF)
