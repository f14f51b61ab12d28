"""Money is VND in whole dong: helpers shared by the forked Oscar apps."""

from decimal import ROUND_DOWN, Decimal

from django.db import models


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


class WholeDongField(models.DecimalField):
    """A money column in whole dong (VND has no subunit in use).

    ``decimal_places`` is always 0, so a fraction is refused by validation,
    never rounded by the database. ``max_digits`` defaults to 12 (under a
    trillion dong). Migrations see a plain ``DecimalField``: switching a
    column to this type changes no schema and writes no migration.
    """

    def __init__(self, *args, max_digits: int = 12, **kwargs):
        kwargs["decimal_places"] = 0
        super().__init__(*args, max_digits=max_digits, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
