"""cms.0005: Vietnamese names for Wagtail's workflow, page permissions on home."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Site, Task, Workflow

from cms.models import HomePage
from marketplace.core import roles

migration = importlib.import_module(
    "cms.migrations.0005_admin_vietnamese_names_and_home"
)


def _pages_of(group_name: str) -> set[int]:
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "page_id", flat=True
        )
    )


def _home_without_sites_configure() -> Page:
    """A cms home set as the default site's root, as an older database has it."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-moi"))
    Site.objects.filter(is_default_site=True).update(root_page=home)
    return home


def test_the_migrated_workflow_and_task_have_vietnamese_names(db):
    assert Workflow.objects.filter(name=migration.WORKFLOW, active=True).exists()
    assert Task.objects.filter(name=migration.TASK).exists()
    assert not Workflow.objects.filter(name=migration.ENGLISH).exists()
    assert not Task.objects.filter(name=migration.ENGLISH).exists()


def test_without_a_home_the_permissions_stay_on_the_root(db):
    root = Page.get_first_root_node()

    migration.forwards(apps, None)

    assert _pages_of(roles.EDITORS) == {root.pk}
    assert _pages_of(roles.MODERATORS) == {root.pk}


def test_the_permissions_move_to_the_home_and_back(db):
    root = Page.get_first_root_node()
    home = _home_without_sites_configure()
    editors_before = GroupPagePermission.objects.filter(group__name=roles.EDITORS)
    codenames = set(editors_before.values_list("permission__codename", flat=True))

    migration.forwards(apps, None)

    assert _pages_of(roles.EDITORS) == {home.pk}
    assert _pages_of(roles.MODERATORS) == {home.pk}
    moved = GroupPagePermission.objects.filter(group__name=roles.EDITORS)
    assert set(moved.values_list("permission__codename", flat=True)) == codenames

    migration.backwards(apps, None)

    assert _pages_of(roles.EDITORS) == {root.pk}
    assert Workflow.objects.filter(name=migration.ENGLISH).exists()
    assert Task.objects.filter(name=migration.ENGLISH).exists()


def test_only_wagtails_english_names_are_renamed(db):
    Workflow.objects.filter(name=migration.WORKFLOW).update(name="Duyệt tin bài")

    migration.backwards(apps, None)
    migration.forwards(apps, None)

    assert Workflow.objects.filter(name="Duyệt tin bài").exists()


def test_a_permission_already_on_the_home_is_not_doubled(db):
    home = _home_without_sites_configure()
    group = Group.objects.get(name=roles.EDITORS)
    grant = GroupPagePermission.objects.filter(group=group).first()
    GroupPagePermission.objects.create(
        group=group, page=home, permission=grant.permission
    )
    count = GroupPagePermission.objects.filter(group=group).count()

    migration.forwards(apps, None)

    assert GroupPagePermission.objects.filter(group=group).count() == count - 1
    assert _pages_of(roles.EDITORS) == {home.pk}


@pytest.mark.parametrize("group", [roles.EDITORS, roles.MODERATORS])
def test_the_demo_leaves_the_groups_on_the_home_page(demo, group):
    home = Site.objects.get(is_default_site=True).root_page

    assert _pages_of(group) == {home.pk}
