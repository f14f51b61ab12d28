"""The site header leads each role to its own work area, and nobody else there."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from marketplace.core import roles

pytestmark = pytest.mark.django_db


def _links(client, user=None):
    if user is not None:
        client.force_login(user)
    html = client.get(reverse("catalogue:index")).content.decode()
    return {
        name: url in html
        for name, url in {
            "cooperative area": reverse("cooperatives:manage"),
            "moderation": reverse("cooperatives:moderation"),
            "register": reverse("agreements:dashboard"),
            "cms": 'href="/cms/"',
            "store dashboard": reverse("dashboard:index"),
        }.items()
    }


def _user(username, group=None, **flags):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@htx.test", password="pw", **flags
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize(
    ("group", "flags", "expected"),
    [
        (None, {}, set()),
        (roles.COOPERATIVE_STAFF, {}, {"cooperative area"}),
        # is_staff alone no longer opens the store dashboard: only its
        # named permission does (Finance staff, for orders and refunds).
        (roles.MODERATORS, {"is_staff": True}, {"moderation", "cms"}),
        (roles.AGREEMENTS_STAFF, {"is_staff": True}, {"register"}),
        (roles.FINANCE_STAFF, {}, {"store dashboard"}),
        (roles.EDITORS, {}, {"cms"}),
    ],
)
def test_each_role_sees_the_links_to_its_own_areas(client, group, flags, expected):
    links = _links(client, _user("someone", group, **flags))

    assert {name for name, shown in links.items() if shown} == expected


def test_anonymous_visitors_see_no_staff_links(client):
    assert not any(_links(client).values())
