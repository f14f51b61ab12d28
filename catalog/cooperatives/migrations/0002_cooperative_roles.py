"""Give the cooperative and moderator roles their permissions in this app.

Cooperative staff work in the cooperative area (/shop/hop-tac-xa/quan-ly/),
which shows only their own cooperative's data. Oscar's dashboard shows a
partner user whole orders (other cooperatives' lines and the order total),
so its ``partner.dashboard_access`` is taken away from the role.
"""

from django.db import migrations

from marketplace.core import roles

_THIS_APP = {
    roles.COOPERATIVE_STAFF: ["cooperatives.manage_own"],
    roles.MODERATORS: [
        "cooperatives.moderate",
        "cooperatives.view_cooperative",
        "cooperatives.change_cooperative",
    ],
}


def forwards(apps, schema_editor):
    roles.roles_sync(apps=apps, role_permissions=_THIS_APP)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    oscar_dashboard = Permission.objects.filter(
        content_type__app_label="partner", codename="dashboard_access"
    )
    for group in Group.objects.filter(name=roles.COOPERATIVE_STAFF):
        group.permissions.remove(*oscar_dashboard)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperatives", "0001_cooperatives_ocop_listings"),
        ("marketplace", "0001_roles_and_site"),
        ("partner", "0008_stockrecord_price_whole_dong"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
