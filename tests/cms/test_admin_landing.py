"""Editors and moderators land on the home page's children, not on "Root"."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from marketplace.core import roles

User = get_user_model()


def _user(username: str, group: str):
    user = User.objects.create_user(username, f"{username}@htx.local", "pw-12345678")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize("group", [roles.EDITORS, roles.MODERATORS])
def test_the_site_home_holds_the_groups_page_permissions(news_site, group):
    root = Page.get_first_root_node()

    on_home = GroupPagePermission.objects.filter(group__name=group, page=news_site.home)
    on_root = GroupPagePermission.objects.filter(group__name=group, page=root)

    assert on_home.count() > 0
    assert not on_root.exists()


@pytest.mark.parametrize("group", [roles.EDITORS, roles.MODERATORS])
def test_the_explorer_menu_starts_at_the_home_page(news_site, group):
    user = _user("staff", group)

    start = PagePermissionPolicy().explorable_root_instance(user)

    assert start.pk == news_site.home.pk


def test_the_editor_lands_on_the_home_pages_children(client, news_site):
    client.force_login(_user("editor", roles.EDITORS))

    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)

    assert response.status_code == 200
    assert response.context["parent_page"].pk == news_site.home.pk
    shown = response.content.decode()
    assert news_site.news.title in shown
    assert "Pages created here will not be accessible" not in shown


def test_the_editor_still_adds_a_page_under_a_section(client, news_site):
    client.force_login(_user("editor", roles.EDITORS))
    url = reverse(
        "wagtailadmin_pages:add", args=["cms", "standardpage", news_site.home.pk]
    )

    assert client.get(url).status_code == 200
