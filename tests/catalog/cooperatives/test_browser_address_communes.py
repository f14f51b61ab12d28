"""In real Chromium: the commune list follows the province as it is chosen."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from marketplace.core import vn_units

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VINH_LONG = 86
HA_NOI = 1


def test_the_registration_commune_list_follows_the_chosen_province(
    page, migrated_db, live_server
):
    # Given the registration form, typed into, with its empty commune list
    page.goto(live_server.url + reverse("cooperatives:register"))
    page.fill("#id_name", "HTX Trà & Mật")
    ward = page.locator("#id_ward_code")
    expect(ward.locator("option")).to_have_count(1)
    # (with JavaScript the no-JS "Choose province" button is gone)
    expect(page.locator("[data-province-refresh]")).to_have_count(0)

    # When a province is chosen, then another
    page.select_option("#id_province_code", str(VINH_LONG))
    vinh_long = vn_units.ward_choices(province_code=VINH_LONG)
    expect(ward.locator("option")).to_have_count(len(vinh_long) + 1)
    page.select_option("#id_province_code", str(HA_NOI))

    # Then the list is the last province's, and what was typed stays
    ha_noi = vn_units.ward_choices(province_code=HA_NOI)
    expect(ward.locator("option")).to_have_count(len(ha_noi) + 1)
    expect(ward.locator("option").nth(1)).to_have_text(ha_noi[0][1])
    page.select_option("#id_ward_code", str(ha_noi[0][0]))
    expect(page.locator("#id_name")).to_have_value("HTX Trà & Mật")


def test_without_javascript_the_button_lists_the_communes(
    browser, migrated_db, live_server
):
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse("cooperatives:register"))
    page.fill("#id_name", "HTX Không Script")
    page.select_option("#id_province_code", str(VINH_LONG))

    page.locator("[data-province-refresh]").click()

    vinh_long = vn_units.ward_choices(province_code=VINH_LONG)
    expect(page.locator("#id_ward_code option")).to_have_count(len(vinh_long) + 1)
    expect(page.locator("#id_name")).to_have_value("HTX Không Script")
    expect(page.locator("#id_province_code")).to_have_value(str(VINH_LONG))
    context.close()
