"""The administrative units list: 34 provinces, communes validated per province."""

import pytest
from django.core.exceptions import ValidationError

from marketplace.core import vn_units

LANG_SON = 20
VINH_LONG = 86


def test_there_are_34_provinces_after_the_2025_merger():
    assert len(vn_units.province_choices()) == 34


def test_ben_tre_is_no_longer_a_province_and_vinh_long_is():
    names = {name for _, name in vn_units.province_choices()}

    assert "Vĩnh Long" in names
    assert "Bến Tre" not in names
    assert vn_units.province_name(LANG_SON) == "Lạng Sơn"


def test_a_ward_of_the_province_is_accepted():
    code, _ = vn_units.ward_choices(province_code=LANG_SON)[0]

    vn_units.validate_address_units(province_code=LANG_SON, ward_code=code)


def test_a_ward_of_another_province_is_refused_with_a_message():
    code, _ = vn_units.ward_choices(province_code=VINH_LONG)[0]

    with pytest.raises(ValidationError) as raised:
        vn_units.validate_address_units(province_code=LANG_SON, ward_code=code)

    assert list(raised.value.message_dict) == ["ward"]


@pytest.mark.parametrize("province", [None, 0, 999])
def test_an_unknown_province_is_refused(province):
    with pytest.raises(ValidationError) as raised:
        vn_units.validate_address_units(province_code=province, ward_code=1)

    assert list(raised.value.message_dict) == ["province"]


def test_every_province_is_in_exactly_one_region():
    codes = [code for code, _name in vn_units.province_choices()]
    assert len(codes) == 34
    assert all(vn_units.province_region(code) for code in codes)
    assert sum(len(region) for region in vn_units.REGIONS.values()) == len(codes)
