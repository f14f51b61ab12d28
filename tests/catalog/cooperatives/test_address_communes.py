"""The commune list follows the chosen province, with and without JavaScript."""

import pytest
from django.urls import reverse
from django.utils import translation

from catalog.cooperatives.models import Cooperative
from marketplace.core import vn_units
from tests.factories.cooperatives import cooperative_create, staff_create

pytestmark = pytest.mark.django_db

HA_NOI = 1
VINH_LONG = 86


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _ward_codes(form) -> list:
    return [code for code, _label in form.fields["ward_code"].choices if code != ""]


def test_choosing_a_province_without_javascript_lists_its_communes_and_keeps_the_input(
    client, english
):
    # Given a half-filled registration, a province chosen, no commune list yet
    data = {
        "name": "HTX Trà & Mật",
        "kind": "htx",
        "province_code": str(VINH_LONG),
        "ward_code": "",
        "street_address": "Ấp 3",
        "sector": "farming",
        "full_name": "Nguyễn Văn An",
        "login_email": "an@htx.test",
        "password1": "tr4-va-mat-2025",
        "password2": "tr4-va-mat-2025",
        "choose_province": "1",
    }

    # When the "Choose province" button sends it back
    response = client.post(reverse("cooperatives:register"), data)

    # Then the form shows Vĩnh Long's communes, no errors, and all it had
    assert response.status_code == 200
    form = response.context["form"]
    assert _ward_codes(form) == [
        code for code, _ in vn_units.ward_choices(province_code=VINH_LONG)
    ]
    assert not form.is_bound
    html = response.content.decode()
    assert 'value="HTX Trà &amp; Mật"' in html
    assert 'value="Ấp 3"' in html
    assert 'value="an@htx.test"' in html
    assert html.count('value="tr4-va-mat-2025"') == 2
    assert f'<option value="{VINH_LONG}" selected>' in html
    assert 'role="alert"' not in html
    assert not Cooperative.objects.filter(name="HTX Trà & Mật").exists()


def test_the_registration_page_offers_the_choose_province_button_and_the_script(
    client, english
):
    response = client.get(reverse("cooperatives:register"))

    html = response.content.decode()
    assert 'name="choose_province"' in html
    assert ">Choose province</button>" in html
    assert "data-province-select" in html and "data-ward-select" in html
    assert 'src="/static/js/vn-address.js"' in html
    assert f'data-ward-options-url="{reverse("checkout:ward-options")}"' in html


def test_the_registration_still_saves_after_choosing_the_province(client, english):
    data = {
        "name": "HTX Vĩnh Long Xanh",
        "kind": "htx",
        "province_code": str(VINH_LONG),
        "sector": "farming",
        "full_name": "B",
        "login_email": "b@htx.test",
        "password1": "vinh-l0ng-xanh-2025",
        "password2": "vinh-l0ng-xanh-2025",
    }
    client.post(reverse("cooperatives:register"), {**data, "choose_province": "1"})
    ward = vn_units.ward_choices(province_code=VINH_LONG)[0][0]

    response = client.post(
        reverse("cooperatives:register"), {**data, "ward_code": str(ward)}
    )

    assert response.status_code == 200
    cooperative = Cooperative.objects.get(name="HTX Vĩnh Long Xanh")
    assert (cooperative.province_code, cooperative.ward_code) == (VINH_LONG, ward)


def test_the_profile_lists_the_new_provinces_communes_without_saving(client, english):
    cooperative = cooperative_create(name="HTX Đồng Bành")
    client.force_login(staff_create(cooperative=cooperative))
    form = client.get(reverse("cooperatives:manage-profile")).context["form"]
    data = {
        name: value
        for name, value in (
            (name, form[name].value()) for name in form.fields if name != "logo"
        )
        if value is not None and name not in ("photo",)
    }
    data.update(province_code=str(HA_NOI), ward_code="", name="HTX Đồng Bành mới")
    data["is_alliance_member"] = "on" if data.get("is_alliance_member") else ""
    if not data["is_alliance_member"]:
        del data["is_alliance_member"]

    response = client.post(
        reverse("cooperatives:manage-profile"), {**data, "choose_province": "1"}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert _ward_codes(form) == [
        code for code, _ in vn_units.ward_choices(province_code=HA_NOI)
    ]
    assert 'value="HTX Đồng Bành mới"' in response.content.decode()
    cooperative.refresh_from_db()
    assert cooperative.name == "HTX Đồng Bành"
