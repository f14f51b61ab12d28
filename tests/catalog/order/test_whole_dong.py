"""Money is stored in whole dong: no money column keeps decimal places."""

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse
from oscar.core.loading import get_model

from tests.catalog.checkout import conftest as checkout
from tests.catalog.checkout.conftest import (
    basket_add,
    checkout_pay_with,
    checkout_to_payment,
)
from tests.factories.catalogue import product_create

Order = get_model("order", "Order")
address_data = checkout.address_data  # the checkout tests' Hà Nội address

#: Decimal columns that do not hold money.
NOT_MONEY = {
    "agreements.Commitment.quantity": "goods committed (kg, tonnes...)",
    "agreements.HistoricalCommitment.quantity": "history of the above",
    "agreements.Commitment.verified_quantity": "goods verified delivered",
    "agreements.DeliveryReport.quantity": "goods delivered",
    "agreements.HistoricalDeliveryReport.quantity": "history of the above",
    "agreements.Milestone.share": "a percentage of the commitment",
    "agreements.HistoricalMilestone.share": "history of the above",
    "matchmaking.Offer.monthly_volume": "goods offered a month (kg, tonnes...)",
    "matchmaking.Want.monthly_volume": "goods sought a month",
    "shipping.WeightBased.default_weight": "a weight",
    "shipping.WeightBand.upper_limit": "a weight",
}

#: Money columns of Oscar apps whose models are not overridden, so keep
#: Oscar's two decimal places. They only receive whole-dong amounts (order
#: totals, offer discounts rounded by OSCAR_OFFER_ROUNDING_FUNCTION), or are
#: unused: shipping is each cooperative's whole-dong fee (catalog/shipping).
KNOWN_DECIMAL_MONEY = {
    "analytics.UserRecord.total_spent": "sum of whole-dong order totals",
    "offer.ConditionalOffer.max_discount": "entered by staff; discounts rounded",
    "offer.ConditionalOffer.total_discount": "sum of whole-dong discounts",
    "offer.Benefit.value": "a percentage, an amount or a count, by type",
    "offer.Condition.value": "an amount or a count, by type",
    "voucher.Voucher.total_discount": "sum of whole-dong discounts",
    "shipping.OrderAndItemCharges.price_per_order": "unused",
    "shipping.OrderAndItemCharges.price_per_item": "unused",
    "shipping.OrderAndItemCharges.free_shipping_threshold": "unused",
    "shipping.WeightBand.charge": "unused",
}

#: The money columns of the forked apps, each narrowed to whole dong.
WHOLE_DONG = [
    "partner.StockRecord.price",
    "order.Order.total_incl_tax",
    "order.Order.total_excl_tax",
    "order.Order.shipping_incl_tax",
    "order.Order.shipping_excl_tax",
    "order.Line.line_price_incl_tax",
    "order.Line.line_price_excl_tax",
    "order.Line.line_price_before_discounts_incl_tax",
    "order.Line.line_price_before_discounts_excl_tax",
    "order.Line.unit_price_incl_tax",
    "order.Line.unit_price_excl_tax",
    "order.LinePrice.price_incl_tax",
    "order.LinePrice.price_excl_tax",
    "order.LinePrice.shipping_incl_tax",
    "order.LinePrice.shipping_excl_tax",
    "order.PaymentEvent.amount",
    "order.OrderDiscount.amount",
    "order.OrderLineDiscount.amount",
    "order.Surcharge.incl_tax",
    "order.Surcharge.excl_tax",
    "basket.Line.price_excl_tax",
    "basket.Line.price_incl_tax",
    "payment.Transaction.amount",
    "payment.Source.amount_allocated",
    "payment.Source.amount_debited",
    "payment.Source.amount_refunded",
]


def _decimal_fields():
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DecimalField):
                yield f"{model._meta.label}.{field.name}", field


def _field(path):
    app_model, name = path.rsplit(".", 1)
    return apps.get_model(app_model)._meta.get_field(name)


def test_no_decimal_column_holds_fractions_of_a_dong_unless_listed():
    with_decimals = {
        path for path, field in _decimal_fields() if field.decimal_places != 0
    }

    # A new money column with decimals fails here; so does a stale entry.
    assert with_decimals == set(NOT_MONEY) | set(KNOWN_DECIMAL_MONEY)


@pytest.mark.parametrize("path", WHOLE_DONG)
def test_money_column_stores_whole_dong(path):
    assert _field(path).decimal_places == 0


@pytest.mark.django_db
def test_money_columns_have_no_scale_in_the_database():
    columns = [
        (_field(path).model._meta.db_table, _field(path).column) for path in WHOLE_DONG
    ]
    with connection.cursor() as cursor:
        scales = {}
        for table, column in columns:
            description = connection.introspection.get_table_description(cursor, table)
            scales[(table, column)] = next(
                c.scale for c in description if c.name == column
            )

    assert set(scales.values()) == {0}


@pytest.fixture
def ten_percent_off_everything(db):
    Range = get_model("offer", "Range")
    Condition = get_model("offer", "Condition")
    Benefit = get_model("offer", "Benefit")
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    everything = Range.objects.create(name="Tất cả", includes_all_products=True)
    return ConditionalOffer.objects.create(
        name="Giảm 10%",
        offer_type=ConditionalOffer.SITE,
        condition=Condition.objects.create(
            range=everything, type=Condition.COUNT, value=1
        ),
        benefit=Benefit.objects.create(
            range=everything, type=Benefit.PERCENTAGE, value=10
        ),
    )


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the round trip is PostgreSQL's"
)
def test_placed_order_round_trips_whole_dong_even_with_a_percentage_discount(
    client, address_data, ten_percent_off_everything
):
    # 10% of 45.005 ₫ is 4.500,5 ₫: the discount is rounded down to whole dong.
    price = 45005
    discount = price * 10 // 100
    product = product_create(title="Mật ong bạc hà", price=price, stock=3)
    basket_add(client, product)
    checkout_to_payment(client, address_data)

    response = checkout_pay_with(client, "cod")

    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    line = order.lines.get()
    amounts = [
        order.total_incl_tax,
        order.total_excl_tax,
        order.shipping_incl_tax,
        line.line_price_incl_tax,
        line.line_price_before_discounts_incl_tax,
        line.unit_price_incl_tax,
        *order.discounts.values_list("amount", flat=True),
        *order.sources.values_list("amount_allocated", flat=True),
    ]
    assert line.line_price_incl_tax == price - discount
    assert order.total_incl_tax == line.line_price_incl_tax + order.shipping_incl_tax
    assert list(order.discounts.values_list("amount", flat=True)) == [discount]
    # Decimal("40505"), not Decimal("40505.00"): PostgreSQL kept no scale.
    assert [a.as_tuple().exponent for a in amounts] == [0] * len(amounts)
