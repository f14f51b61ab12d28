"""The product rows' words as spelt, so accented queries rank exact spellings first.

Rows written before this migration get the words of their name and
cooperative here; ``manage.py search_index --rebuild`` (or any reindex) adds
the categories and description.
"""

from django.db import migrations, models

from marketplace.search.spelling import exact_for_index


def fill_exact_text(apps, schema_editor):
    entries = apps.get_model("htx_search", "ProductSearchEntry")
    rows = list(entries.objects.only("pk", "name", "cooperative_name"))
    for row in rows:
        row.exact_text = exact_for_index(row.name, row.cooperative_name)
    entries.objects.bulk_update(rows, ["exact_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("htx_search", "0009_browse_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="productsearchentry",
            name="exact_text",
            field=models.TextField(default=""),
        ),
        migrations.RunPython(fill_exact_text, migrations.RunPython.noop),
    ]
