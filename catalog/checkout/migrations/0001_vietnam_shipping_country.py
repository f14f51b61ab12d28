"""Vietnam is the one country the store ships to (Oscar then hides the field)."""

from django.db import migrations


def vietnam_add(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Socialist Republic of Viet Nam",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("address", "__latest__")]
    operations = [migrations.RunPython(vietnam_add, migrations.RunPython.noop)]
