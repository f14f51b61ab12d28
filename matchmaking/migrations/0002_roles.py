"""Business staff act for their business; Moderators approve businesses;
Agreements staff run conference matchmaking."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from marketplace.core import roles

    roles.roles_sync(
        apps=apps,
        role_permissions={
            roles.BUSINESS_STAFF: roles.ROLE_PERMISSIONS[roles.BUSINESS_STAFF],
            roles.MODERATORS: [roles.MODERATE_BUSINESS],
            roles.AGREEMENTS_STAFF: [roles.RUN_MATCHMAKING],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0001_initial"),
        ("agreements", "0008_business_accounts_and_drafts"),
        ("cooperatives", "0004_private_files"),
        ("marketplace", "0001_roles_and_site"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
