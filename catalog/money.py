"""Money is VND in whole dong: helpers shared by the forked Oscar apps."""

from decimal import ROUND_DOWN, Decimal


def offer_discount_round(amount: Decimal, currency: str | None = None) -> Decimal:
    """Round an offer's discount down to whole dong.

    Oscar's ``OSCAR_OFFER_ROUNDING_FUNCTION``: a percentage off a price can
    leave a fraction of a dong, which the whole-dong order columns cannot
    hold. Rounding down never gives more discount than the offer promises.
    """
    return Decimal(amount).quantize(Decimal("1"), rounding=ROUND_DOWN)


def refuse_fractional_amounts(app_label: str, fields: dict[str, list[str]]):
    """Return a migration step that stops if a stored amount has a fraction.

    Narrowing a column to ``decimal_places=0`` would make the database round
    such an amount silently; a recorded total must not change unnoticed, so
    the migration refuses and names the rows to look at instead.
    """
    from django.db import migrations
    from django.db.models import F
    from django.db.models.functions import Mod

    def check(apps, schema_editor):
        for model_name, names in fields.items():
            model = apps.get_model(app_label, model_name)
            for name in names:
                rows = (
                    model.objects.filter(**{f"{name}__isnull": False})
                    .annotate(fraction=Mod(F(name), 1))
                    .exclude(fraction=0)
                    .values_list("pk", flat=True)
                )
                pks = list(rows[:10])
                if pks:
                    raise RuntimeError(
                        f"{app_label}.{model_name}.{name} holds fractions of a dong "
                        f"(ids {pks}); settle them before storing whole dong."
                    )

    return migrations.RunPython(check, migrations.RunPython.noop, elidable=True)
