"""Give the Agreements staff group its permissions on the register."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from marketplace.core.roles import AGREEMENTS_STAFF, ROLE_PERMISSIONS, roles_sync

    # Only this app's role: other apps' permissions may not exist yet here.
    roles_sync(
        apps=apps,
        role_permissions={AGREEMENTS_STAFF: ROLE_PERMISSIONS[AGREEMENTS_STAFF]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("marketplace", "0001_roles_and_site"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
