"""Give Wagtail's moderation workflow and task Vietnamese names, and move the
editors' and moderators' page permissions from the tree root to the home page.

Wagtail's migration 0048 named both after the groups ("Moderators
approval"); editors and moderators read that name on their dashboard, in the
publish menu and in each page's history. Only rows that still have
Wagtail's name are renamed; reversing renames them back.

The permissions move only when the default site's home (a cms.HomePage)
exists: on a fresh database the demo (``sites_configure``) moves them once it
has created the home.
"""

from django.db import migrations

from cms.page_permissions import page_permissions_move

ENGLISH = "Moderators approval"
WORKFLOW = "Quy trình kiểm duyệt"
TASK = "Kiểm duyệt"


def _rename(apps, *, workflow_from, workflow_to, task_from, task_to):
    apps.get_model("wagtailcore", "Workflow").objects.filter(
        name=workflow_from
    ).update(name=workflow_to)
    apps.get_model("wagtailcore", "Task").objects.filter(name=task_from).update(
        name=task_to
    )


def _home_and_root(apps):
    """Return (home page id, tree root id), or None without a cms home."""
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = Page.objects.filter(depth=1).order_by("path").first()
    if site is None or root is None:
        return None
    content_type = site.root_page.content_type
    if (content_type.app_label, content_type.model) != ("cms", "homepage"):
        return None
    return site.root_page_id, root.pk


def forwards(apps, schema_editor):
    _rename(
        apps, workflow_from=ENGLISH, workflow_to=WORKFLOW, task_from=ENGLISH, task_to=TASK
    )
    found = _home_and_root(apps)
    if found:
        home, root = found
        page_permissions_move(apps=apps, to_page_id=home, from_page_ids=[root])


def backwards(apps, schema_editor):
    _rename(
        apps, workflow_from=WORKFLOW, workflow_to=ENGLISH, task_from=TASK, task_to=ENGLISH
    )
    found = _home_and_root(apps)
    if found:
        home, root = found
        page_permissions_move(apps=apps, to_page_id=root, from_page_ids=[home])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_body_cooperative_card"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
