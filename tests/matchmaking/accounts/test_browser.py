"""In real Chromium: a business registers on a 390 px phone, a moderator
approves it, and its staff member logs in and lands on the business's home."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from marketplace.core import roles
from tests.factories.agreements import user_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-dai-2026"


@pytest.fixture
def site(migrated_db, live_server):
    return live_server.url


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def _log_in(page, site, email, password):
    page.context.clear_cookies()
    page.goto(site + "/shop/accounts/login/")
    page.fill("input[name=login-username]", email)
    page.fill("input[name=login-password]", password)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_a_business_registers_on_a_phone_is_approved_and_lands_home(page, site):
    moderator = user_create(username="kiemduyet")
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    page.set_viewport_size({"width": 390, "height": 844})

    # A visitor registers the business, first with a mistyped tax code.
    page.goto(site + "/ket-noi/doanh-nghiep/dang-ky/")
    _no_sideways_scroll(page)
    page.fill("input[name=name]", "Công ty TNHH Nông sản Đồng Đăng")
    page.fill("input[name=tax_code]", "0100109107")
    page.select_option("select[name=kind]", "distributor")
    page.select_option("select[name=province_code]", "20")
    page.fill("input[name=address]", "12 Trần Đăng Ninh, Lạng Sơn")
    page.fill("input[name=contact_name]", "Nguyễn Văn An")
    page.fill("input[name=phone]", "0912345678")
    page.fill("input[name=email]", "lienhe@dongdang.example")
    page.fill("input[name=full_name]", "Nguyễn Văn An")
    page.fill("input[name=login_email]", "an@dongdang.example")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form.mm-register button[type=submit]").click()
    expect(page.locator(".ag-error")).to_have_count(1)
    expect(page.locator("input[name=name]")).to_have_value(
        "Công ty TNHH Nông sản Đồng Đăng"
    )
    _no_sideways_scroll(page)
    page.fill("input[name=tax_code]", "0100109106")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form.mm-register button[type=submit]").click()
    expect(page.locator("#registered-new")).to_be_visible()

    # A moderator approves it from the queue.
    _log_in(page, site, moderator.email, "pw")
    page.goto(site + "/ket-noi/doanh-nghiep/kiem-duyet/")
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Công ty TNHH Nông sản Đồng Đăng").click()
    page.locator("#business-decision input[value=approve]").check()
    page.locator("#business-decision button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ket-noi/doanh-nghiep/kiem-duyet/$"))
    expect(page.locator("#pending-businesses")).not_to_contain_text("Đồng Đăng")

    # The business's staff member logs in and lands on the business's home.
    _log_in(page, site, "an@dongdang.example", PASSWORD)
    expect(page).to_have_url(re.compile(r"/ket-noi/doanh-nghiep/$"))
    expect(page.locator("#business-1, .mm-business").first).to_contain_text(
        "0100109106"
    )
    expect(page.locator(".mm-business__links a").first).to_be_visible()
    _no_sideways_scroll(page)
