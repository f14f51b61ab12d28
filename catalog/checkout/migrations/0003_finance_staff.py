"""The Finance staff's permissions, and the Finance staff group."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from marketplace.core.roles import FINANCE_STAFF, ROLE_PERMISSIONS, roles_sync

    roles_sync(
        apps=apps,
        role_permissions={FINANCE_STAFF: ROLE_PERMISSIONS[FINANCE_STAFF]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("checkout", "0002_order_shipping_charge"),
        ("order", "0022_money_in_whole_dong"),
        ("marketplace", "0001_roles_and_site"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="ordershippingcharge",
            options={
                "permissions": [
                    ("record_bank_transfer", "Can record bank transfers received"),
                    ("view_settlement", "Can view and export the settlement"),
                    ("refund_payment", "Can refund card payments"),
                    (
                        "use_whole_dashboard",
                        "Can use the whole of the store dashboard",
                    ),
                ],
                "verbose_name": "Shipping charge of a cooperative",
                "verbose_name_plural": "Shipping charges of cooperatives",
            },
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
