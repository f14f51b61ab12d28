"""In real Chromium: the pages' scripts still run under the Content-Security-Policy.

Each test collects the browser's "Content Security Policy" console errors
(a blocked script, style, frame or image) and checks that the page's own
JavaScript actually ran.
"""

import re

import pytest
from playwright.sync_api import expect

from cms.models import HomePage
from marketplace.demo.loader import demo_load
from tests.catalog.checkout.test_browser_checkout import guest_checkout_to_payment
from tests.payments.conftest import localstripe_url, stripe_settings  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


@pytest.fixture
def csp_errors(page):
    """Return the list the page's CSP violations are written to."""
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return errors


def _shop_log_in(page, site, email, password):
    page.goto(site + "/shop/accounts/login/")
    page.fill("input[name=login-username]", email)
    page.fill("input[name=login-password]", password)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_portal_and_store_scripts_run_under_the_policy(page, demo_site, csp_errors):
    # The portal's home page, the second time from the page cache.
    for _ in range(2):
        response = page.goto(demo_site + "/")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        expect(page.locator("main")).to_be_visible()

    # The catalogue's sort list submits itself (js/behaviours.js).
    page.goto(demo_site + "/shop/catalogue/")
    page.select_option("#id_sort", index=1)
    expect(page).to_have_url(re.compile(r"sort="))

    # The header search suggests products as the buyer types.
    page.locator("#site-search-q").press_sequentially("mat", delay=50)
    expect(page.locator("#site-search-suggestions [role=option]").first).to_be_visible()

    # The product page's scripts (static files) run under the policy.
    page.locator("#site-search-suggestions [role=option]").first.click()
    expect(page.locator("#product-main-image")).to_be_visible()

    assert csp_errors == []


def test_address_form_refills_communes_under_the_policy(page, demo_site, csp_errors):
    _shop_log_in(page, demo_site, "buyer@htx.local", "buyer-demo-2024")

    page.goto(demo_site + "/shop/accounts/addresses/add/")
    page.select_option("select[name=province]", label="Thành phố Hà Nội")

    expect(
        page.locator("select[name=ward] option", has_text="Phường Ba Đình")
    ).to_have_count(1)
    assert csp_errors == []


def test_bank_transfer_checkout_runs_under_the_policy(page, demo_site, csp_errors):
    guest_checkout_to_payment(page, demo_site)
    page.check("#pm-bank-transfer")
    page.click("#view_preview")
    page.click("#place-order")

    expect(page).to_have_url(re.compile(r"/shop/checkout/thank-you/"))
    expect(page.locator("#vietqr svg")).to_be_visible()
    expect(page.locator("[data-print]")).to_be_visible()
    assert csp_errors == []


def test_card_page_allows_only_its_stripe_script(
    page,
    demo_site,
    csp_errors,
    stripe_settings,  # noqa: F811
):
    # js.stripe.com cannot be reached offline: the page's own script says so.
    page.route(re.compile(r"https://js\.stripe\.com/.*"), lambda route: route.abort())
    guest_checkout_to_payment(page, demo_site)
    page.check("#pm-card")
    page.click("#view_preview")
    page.click("#place-order")

    expect(page).to_have_url(re.compile(r"/shop/checkout/card/$"))
    expect(page.locator("#card-error")).to_contain_text("Không tải được Stripe")
    assert csp_errors == []


def test_agreements_dashboard_draws_its_charts_under_the_policy(
    page, demo_site, csp_errors
):
    _shop_log_in(page, demo_site, "agreements@htx.local", "agreements-demo-2024")

    page.goto(demo_site + "/agreements/dashboard/")
    expect(page.locator("#chart-coop")).to_be_visible()
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length")
    charts = page.evaluate("() => Object.keys(Chart.instances).length")

    page.goto(demo_site + "/agreements/list/")
    bar = page.locator("[data-progress-width]").first
    width = bar.get_attribute("data-progress-width")
    expect(bar).to_have_attribute("style", f"width: {width}%;")

    assert charts >= 2
    assert csp_errors == []


def test_wagtail_page_editor_works_under_its_policy(page, demo_site, csp_errors):
    home = HomePage.objects.get()
    page.goto(demo_site + "/cms/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "editor-demo-2024")
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/cms/$"))

    page.goto(f"{demo_site}/cms/pages/{home.pk}/edit/")

    expect(page.locator("#id_title")).to_have_value(home.title)
    page.wait_for_function("() => window.wagtail !== undefined")
    assert csp_errors == []


def test_django_admin_works_under_the_strict_policy(page, demo_site, csp_errors):
    page.goto(demo_site + "/django-admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "admin-demo-2024")
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/django-admin/$"))

    page.goto(demo_site + "/django-admin/auth/user/")
    page.locator("#action-toggle").check()
    # Django admin's own script counts the rows selected.
    expect(page.locator(".action-counter")).not_to_have_text(re.compile(r"^\s*0\b"))
    assert csp_errors == []
