"""Vietnam's administrative units since July 2025: 34 provinces, then communes/wards.

One source for cooperatives' addresses and buyers' delivery addresses, read
from the ``vietnam-provinces`` package. Units are stored by their numeric
code (``Province.code`` / ``Ward.code``), which the package keeps stable.
"""

from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from vietnam_provinces import Province, ProvinceCode, Ward, WardCode

from marketplace.core.text import fold_vi


@cache
def _provinces() -> dict[int, Province]:
    return {int(p.code): p for p in Province.iter_all()}


@cache
def _wards_by_province() -> dict[int, dict[int, Ward]]:
    grouped: dict[int, dict[int, Ward]] = {}
    for ward in Ward.iter_all():
        grouped.setdefault(int(ward.province_code), {})[int(ward.code)] = ward
    return grouped


def _sorted_choices(units) -> list[tuple[int, str]]:
    return sorted(
        ((int(u.code), u.name) for u in units), key=lambda c: fold_vi(c[1]).lower()
    )


def province_choices() -> list[tuple[int, str]]:
    """Return (code, name) for every province and city, sorted by name."""
    return _sorted_choices(_provinces().values())


def ward_choices(*, province_code: int) -> list[tuple[int, str]]:
    """Return (code, name) for every commune or ward of a province, sorted."""
    return _sorted_choices(_wards_by_province().get(int(province_code), {}).values())


def province_name(code: int | None) -> str:
    """Return the province's name, or "" for an unknown code."""
    province = _provinces().get(int(code)) if code is not None else None
    return province.name if province else ""


#: Vietnam's six socio-economic regions over the 34 provinces of 2025 (the
#: codes above); the units library has no regions.
REGIONS = {
    "northern_mountains": frozenset({4, 8, 11, 12, 14, 15, 19, 20, 25}),
    "red_river_delta": frozenset({1, 22, 24, 31, 33, 37}),
    "central_coast": frozenset({38, 40, 42, 44, 46, 48, 51, 56}),
    "central_highlands": frozenset({52, 66, 68}),
    "southeast": frozenset({75, 79, 80}),
    "mekong_delta": frozenset({82, 86, 91, 92, 96}),
}
_REGION_OF = {code: region for region, codes in REGIONS.items() for code in codes}


def province_region(code: int | None) -> str:
    """Return the region of a province (a key of ``REGIONS``), or ""."""
    return _REGION_OF.get(int(code), "") if code is not None else ""


def ward_name(code: int | None) -> str:
    """Return the commune's or ward's name, or "" for an unknown code."""
    if code is None:
        return ""
    for wards in _wards_by_province().values():
        if int(code) in wards:
            return wards[int(code)].name
    return ""


def validate_address_units(*, province_code: int | None, ward_code: int | None) -> None:
    """Raise ValidationError unless the ward is a ward of that province.

    Errors are keyed "province" and "ward", so a form can show them beside
    its fields.
    """
    if province_code is None or int(province_code) not in _provinces():
        raise ValidationError({"province": _("Choose a province from the list.")})
    if ward_code is None:
        raise ValidationError({"ward": _("Choose a commune or ward from the list.")})
    if int(ward_code) not in _wards_by_province().get(int(province_code), {}):
        raise ValidationError(
            {
                "ward": _("This commune or ward is not in %(province)s.")
                % {"province": province_name(province_code)}
            }
        )


__all__ = [
    "ProvinceCode",
    "WardCode",
    "province_choices",
    "province_name",
    "validate_address_units",
    "ward_choices",
    "ward_name",
]
