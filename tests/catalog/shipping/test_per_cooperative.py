"""Shipping: each cooperative charges its own fee, free above its threshold."""
# ruff: noqa: F811  (pytest fixtures imported from other conftests)

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from catalog.checkout.models import OrderShippingCharge
from catalog.cooperatives.forms import CooperativeProfileForm
from catalog.shipping.selectors import basket_shipping_breakdown
from tests.catalog.checkout.conftest import (  # noqa: F401  (fixtures)
    address_data,
    basket_add,
    checkout_pay_with,
    checkout_to_payment,
)
from tests.factories.catalogue import partner_create, product_create
from tests.factories.cooperatives import cooperative_create, staff_create

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def _basket(*items):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return Basket.objects.get(pk=basket.pk)


def _with_strategy(basket):
    basket.strategy = Selector().strategy()
    return basket


def test_each_cooperative_charges_its_fee_unless_over_its_threshold(
    shipping_cooperatives,
):
    dong_banh, quoi_son, na, buoi = shipping_cooperatives
    basket = _with_strategy(_basket((na, 2), (buoi, 1)))

    rows = basket_shipping_breakdown(basket=basket)

    assert [(r.name, r.subtotal, r.charge, r.missing_for_free) for r in rows] == [
        ("HTX Đồng Bành", 600000, 0, None),
        ("HTX Quới Sơn", 45000, 25000, 155000),
    ]
    method = Repository().get_default_shipping_method(basket=basket)
    assert method.code == "per-cooperative"
    assert method.calculate(basket).incl_tax == 25000


def test_under_both_thresholds_both_fees_are_charged(shipping_cooperatives):
    dong_banh, quoi_son, na, buoi = shipping_cooperatives
    basket = _with_strategy(_basket((na, 1), (buoi, 1)))

    method = Repository().get_default_shipping_method(basket=basket)

    assert method.calculate(basket).incl_tax == 30000 + 25000


def test_without_a_threshold_the_fee_is_always_charged_and_a_plain_partner_is_free():
    coop = cooperative_create(name="HTX Hồi", shipping_fee=20000)
    plain = partner_create(name="Đối tác", code="doi-tac")
    oil = product_create(title="Tinh dầu hồi", price=900000, partner=coop.partner)
    tea = product_create(title="Chè", price=50000, partner=plain)
    basket = _with_strategy(_basket((oil, 1), (tea, 1)))

    rows = basket_shipping_breakdown(basket=basket)

    assert [(r.name, r.charge, r.missing_for_free) for r in rows] == [
        ("HTX Hồi", 20000, None),
        ("Đối tác", 0, None),
    ]


def test_the_breakdown_reads_the_cooperatives_in_one_query(count_queries):
    products = [
        product_create(
            title=f"Sản phẩm {n}",
            price=10000,
            partner=cooperative_create(name=f"HTX {n}", shipping_fee=1000).partner,
        )
        for n in range(5)
    ]
    one = _with_strategy(_basket((products[0], 1)))
    five = _with_strategy(_basket(*[(p, 1) for p in products]))
    list(one.all_lines()), list(five.all_lines())
    for basket in (one, five):
        for line in basket.all_lines():
            line.line_price_incl_tax_incl_discounts  # noqa: B018  (loads prices)

    rows_one, queries_one = count_queries(basket_shipping_breakdown, basket=one)
    rows_five, queries_five = count_queries(basket_shipping_breakdown, basket=five)

    assert (len(rows_one), len(rows_five)) == (1, 5)
    assert queries_one == queries_five == 1


def test_the_basket_page_shows_each_cooperatives_shipping(
    client, shipping_cooperatives
):
    dong_banh, quoi_son, na, buoi = shipping_cooperatives
    basket_add(client, na, 2)
    basket_add(client, buoi, 1)

    with translation.override("en"):
        response = client.get(reverse("basket:summary"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.context["shipping_charge"].incl_tax == 25000
    html = response.content.decode()
    assert f'data-partner="{dong_banh.partner_id}"' in html
    assert "Free shipping from this cooperative." in html
    assert "Add ₫155,000 more for free shipping from this cooperative." in html
    assert "₫645,000" in html  # products; with shipping the total is 670.000
    assert "₫670,000" in html


def test_cash_on_delivery_records_each_cooperatives_charge_with_the_order(
    client,
    shipping_cooperatives,
    address_data,
):
    dong_banh, quoi_son, na, buoi = shipping_cooperatives
    basket_add(client, na, 1)
    basket_add(client, buoi, 1)
    checkout_to_payment(client, address_data)
    preview = client.post(reverse("checkout:preview"), {"payment_method": "cod"})
    assert b'class="cooperative-shipping"' in preview.content

    response = client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert response.status_code == 302
    order = Order.objects.get()
    assert (order.shipping_incl_tax, order.total_incl_tax) == (55000, 400000)
    assert sorted(
        OrderShippingCharge.objects.filter(order=order).values_list(
            "partner__name", "amount"
        )
    ) == [("HTX Quới Sơn", 25000), ("HTX Đồng Bành", 30000)]


def _profile_data(cooperative, **changes):
    data = model_to_dict(cooperative, fields=CooperativeProfileForm.Meta.fields)
    data.pop("logo")
    data.update(changes)
    return {k: ("" if v is None else v) for k, v in data.items()}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"shipping_fee": "-1"}, "shipping_fee", "không được là số âm"),
        ({"shipping_fee": ""}, "shipping_fee", "phí giao hàng (0 nếu miễn phí"),
        ({"shipping_fee": "3,5"}, "shipping_fee", "số đồng chẵn"),
        ({"free_shipping_from": "0"}, "free_shipping_from", "phải lớn hơn 0 ₫"),
    ],
)
def test_the_profile_form_refuses_bad_shipping_settings_in_vietnamese(
    client, changes, field, message
):
    cooperative = cooperative_create(name="HTX Đồng Bành")
    client.force_login(staff_create(cooperative=cooperative))

    response = client.post(
        reverse("cooperatives:manage-profile"),
        _profile_data(cooperative, **changes),
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form[field].value() == next(iter(changes.values()))
    cooperative.refresh_from_db()
    assert (cooperative.shipping_fee, cooperative.free_shipping_from) == (0, None)


def test_the_profile_form_saves_the_shipping_settings(client):
    cooperative = cooperative_create(name="HTX Đồng Bành")
    client.force_login(staff_create(cooperative=cooperative))

    response = client.post(
        reverse("cooperatives:manage-profile"),
        _profile_data(cooperative, shipping_fee="30000", free_shipping_from="500000"),
    )

    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert (cooperative.shipping_fee, cooperative.free_shipping_from) == (
        30000,
        500000,
    )
