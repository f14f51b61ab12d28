"""In real Chromium: a guest pays by card against localstripe.

Stripe's Payment Element is loaded from js.stripe.com, which cannot be
reached offline (and localstripe's stand-in script has no Payment Element).
So the test blocks js.stripe.com, checks the page says Stripe could not be
loaded, confirms the PaymentIntent through localstripe's API as the Element
would, then follows the return_url like Stripe's redirect.
"""

import re

import pytest
from playwright.sync_api import expect

from marketplace.payments.models import CardCheckout
from tests.catalog.checkout.test_browser_checkout import (
    Order,
    demo_site,  # noqa: F401  (fixture)
    guest_checkout_to_payment,
)

from .conftest import card_pay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_guest_pays_by_card_and_gets_one_order(
    page,
    demo_site,  # noqa: F811
    stripe_settings,
    localstripe_url,
):
    page.route(re.compile(r"https://js\.stripe\.com/.*"), lambda route: route.abort())
    guest_checkout_to_payment(page, demo_site)
    page.check("#pm-card")
    page.click("#view_preview")
    page.click("#place-order")

    expect(page).to_have_url(re.compile(r"/shop/checkout/card/$"))
    checkout = CardCheckout.objects.get()
    expect(page.locator("#card-form")).to_have_attribute(
        "data-client-secret", re.compile("^" + checkout.payment_intent_id)
    )
    expect(page.locator("#card-error")).to_contain_text("Không tải được Stripe")
    return_url = page.locator("#card-form").get_attribute("data-return-url")

    # What Stripe.js would do: attach the card and confirm, then redirect.
    assert card_pay(localstripe_url, checkout.payment_intent_id)["status"] == (
        "succeeded"
    )
    page.goto(f"{return_url}?payment_intent={checkout.payment_intent_id}")

    expect(page).to_have_url(re.compile(r"/shop/checkout/thank-you/"))
    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    assert order.total_incl_tax == checkout.amount


def test_guest_cancels_the_card_payment_and_keeps_the_basket(
    page,
    demo_site,  # noqa: F811
    stripe_settings,
    localstripe_url,
):
    page.route(re.compile(r"https://js\.stripe\.com/.*"), lambda route: route.abort())
    guest_checkout_to_payment(page, demo_site)
    page.check("#pm-card")
    page.click("#view_preview")
    page.click("#place-order")
    expect(page).to_have_url(re.compile(r"/shop/checkout/card/$"))

    page.click("#card-cancel")

    expect(page).to_have_url(re.compile(r"/shop/checkout/payment-details/"))
    page.goto(demo_site + "/shop/basket/")
    expect(page.locator("#basket_formset .basket-line")).to_have_count(2)
    assert Order.objects.count() == 0
