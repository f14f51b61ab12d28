"""Bounds on quantities, values and shares (field validators); import jobs."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import agreements.models
import marketplace.uploads.storage


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0005_private_files"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="commitment",
            name="quantity",
            field=agreements.models.ReadableDecimalField(
                decimal_places=2,
                max_digits=14,
                validators=[
                    django.core.validators.MinValueValidator(0.01),
                    django.core.validators.MaxValueValidator(
                        Decimal("999999999999.99")
                    ),
                ],
                verbose_name="committed quantity",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="value",
            field=models.PositiveBigIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(10000000000000),
                ],
                verbose_name="committed value (VND)",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="verified_quantity",
            field=agreements.models.ReadableDecimalField(
                decimal_places=2, default=Decimal("0"), editable=False, max_digits=16
            ),
        ),
        migrations.AlterField(
            model_name="deliveryreport",
            name="quantity",
            field=agreements.models.ReadableDecimalField(
                decimal_places=2,
                max_digits=14,
                validators=[
                    django.core.validators.MinValueValidator(0.01),
                    django.core.validators.MaxValueValidator(
                        Decimal("999999999999.99")
                    ),
                ],
                verbose_name="quantity",
            ),
        ),
        migrations.AlterField(
            model_name="deliveryreport",
            name="value",
            field=models.PositiveBigIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(10000000000000),
                ],
                verbose_name="value (VND)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcommitment",
            name="quantity",
            field=agreements.models.ReadableDecimalField(
                decimal_places=2,
                max_digits=14,
                validators=[
                    django.core.validators.MinValueValidator(0.01),
                    django.core.validators.MaxValueValidator(
                        Decimal("999999999999.99")
                    ),
                ],
                verbose_name="committed quantity",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcommitment",
            name="value",
            field=models.PositiveBigIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(10000000000000),
                ],
                verbose_name="committed value (VND)",
            ),
        ),
        migrations.AlterField(
            model_name="historicaldeliveryreport",
            name="quantity",
            field=agreements.models.ReadableDecimalField(
                decimal_places=2,
                max_digits=14,
                validators=[
                    django.core.validators.MinValueValidator(0.01),
                    django.core.validators.MaxValueValidator(
                        Decimal("999999999999.99")
                    ),
                ],
                verbose_name="quantity",
            ),
        ),
        migrations.AlterField(
            model_name="historicaldeliveryreport",
            name="value",
            field=models.PositiveBigIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(10000000000000),
                ],
                verbose_name="value (VND)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalmilestone",
            name="share",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(0.01),
                    django.core.validators.MaxValueValidator(100),
                ],
                verbose_name="cumulative share (%)",
            ),
        ),
        migrations.AlterField(
            model_name="milestone",
            name="share",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(0.01),
                    django.core.validators.MaxValueValidator(100),
                ],
                verbose_name="cumulative share (%)",
            ),
        ),
        migrations.CreateModel(
            name="ImportJob",
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
                (
                    "file",
                    models.FileField(
                        max_length=255,
                        storage=marketplace.uploads.storage.private_storage,
                        upload_to=marketplace.uploads.storage.RandomName(
                            "agreements/imports"
                        ),
                        verbose_name="Excel file",
                    ),
                ),
                (
                    "file_name",
                    models.CharField(
                        blank=True, max_length=255, verbose_name="file name"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("validating", "Checking"),
                            ("ready", "Ready to import"),
                            ("importing", "Importing"),
                            ("done", "Imported"),
                            ("failed", "Not imported"),
                        ],
                        default="queued",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("rows_total", models.PositiveIntegerField(default=0)),
                ("rows_done", models.PositiveIntegerField(default=0)),
                ("errors", models.JSONField(blank=True, default=list)),
                ("preview", models.JSONField(blank=True, default=dict)),
                ("agreements_created", models.PositiveIntegerField(default=0)),
                ("commitments_created", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("checked_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "conference",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="agreements.conference",
                        verbose_name="conference",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "import",
                "verbose_name_plural": "imports",
                "ordering": ["-created_at", "-pk"],
            },
        ),
    ]
