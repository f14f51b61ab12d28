"""Create the site's roles (groups with their permissions) and its Django Site."""

from django.conf import settings
from django.db import migrations


def create_roles(apps, schema_editor):
    from marketplace.core.roles import roles_sync

    roles_sync(apps=apps)


def configure_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    host = settings.SITE_HOST
    domain = host if settings.SITE_PORT in (80, 443) else f"{host}:{settings.SITE_PORT}"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "HTX Connect"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sites", "0002_alter_domain_unique"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("partner", "0008_stockrecord_price_whole_dong"),
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(configure_site, migrations.RunPython.noop),
    ]
