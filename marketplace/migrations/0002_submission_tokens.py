"""One-time form tokens (``marketplace.submissions``): a form sent twice
records one row."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0001_roles_and_site"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SubmissionToken",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("key", models.CharField(max_length=64, verbose_name="key")),
                ("purpose", models.CharField(max_length=100, verbose_name="purpose")),
                (
                    "result_url",
                    models.CharField(blank=True, max_length=500, verbose_name="result"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "form submission",
                "verbose_name_plural": "form submissions",
                "indexes": [
                    models.Index(
                        fields=["user", "created_at"], name="submission_user_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("key",), name="submission_token_unique_key"
                    )
                ],
            },
        ),
    ]
