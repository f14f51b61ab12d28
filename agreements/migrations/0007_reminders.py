"""Difficulties keep the day of their last reminder, so that an overdue one
is e-mailed at most once a week (``agreements/reminders.py``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0006_import_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="difficulty",
            name="reminded_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
    ]
