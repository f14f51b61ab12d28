"""One writer for every download: no cell becomes a live formula (issue 12, #8).

The writer is tested on its own, then every export that uses it is opened the
way a spreadsheet would (openpyxl, csv) with a cooperative named like a formula
and products titled ``+1``, ``@SUM(1)`` and ``-2``.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import ShippingAddressFactory, create_order

from catalog.checkout.payment_events import PAID, payment_event_record
from marketplace.core.exports import (
    CSV_BOM,
    XlsxBook,
    cell_value,
    csv_response,
    csv_value,
    text_neutralise,
    xlsx_response,
)
from tests.factories.cooperatives import (
    cooperative_create,
    listed_product_create,
    staff_create,
)
from tests.factories.roles import finance_user_create

Basket = get_model("basket", "Basket")

HYPERLINK = '=HYPERLINK("http://x","y")'
TITLES = ["+1", "@SUM(1)", "-2"]


# --- the writer -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+1", "'+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("  =1+1", "'  =1+1"),
        ("HTX Đồng Bành", "HTX Đồng Bành"),
        ("1+1=2", "1+1=2"),
        ("", ""),
    ],
)
def test_text_beginning_like_a_formula_is_prefixed_with_a_quote(text, expected):
    assert text_neutralise(text) == expected
    assert cell_value(text) == expected
    assert csv_value(text) == expected


@pytest.mark.parametrize("value", [-2, 0, 310000, -1.5, Decimal("-105000"), True, None])
def test_numbers_booleans_and_none_stay_typed_in_a_workbook(value):
    assert cell_value(value) is value


def test_dates_stay_dates_and_aware_times_are_written_in_local_time():
    moment = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)

    assert cell_value(datetime.date(2026, 12, 1)) == datetime.date(2026, 12, 1)
    assert cell_value(moment) == datetime.datetime(2026, 12, 1, 10, 0)
    assert csv_value(moment) == "2026-12-01 10:00"
    assert csv_value(datetime.date(2026, 12, 1)) == "2026-12-01"
    assert (csv_value(None), csv_value(-2), csv_value(Decimal("5"))) == ("", "-2", "5")


def test_a_workbook_holds_neutralised_text_and_typed_values():
    book = XlsxBook()
    sheet = book.sheet("Danh sách", widths={"A": 30}, number_formats={"B": "#,##0"})
    sheet.append(["Tên", "Số tiền"], bold=True)
    sheet.append([HYPERLINK, -2, datetime.date(2026, 12, 1), None, "-1+1", "a\x01b"])

    ws = load_workbook(io.BytesIO(book.to_bytes()))["Danh sách"]

    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == (
        "'" + HYPERLINK,
        -2,
        datetime.datetime(2026, 12, 1),
        None,
        "'-1+1",
        "ab",
    )
    assert ws["A2"].data_type == "s"
    assert (ws["B2"].data_type, ws["B2"].number_format) == ("n", "#,##0")
    assert ws["C2"].number_format == "DD/MM/YYYY"
    assert ws["A1"].font.b is True
    assert ws.column_dimensions["A"].width == 30


def test_a_csv_starts_with_the_bom_and_neutralises_text():
    response = csv_response(
        filename="đơn hàng.csv", rows=[["Tên", "Số"], [HYPERLINK, -2], ["+1", 3]]
    )

    body = response.content.decode("utf-8")
    assert body.startswith(CSV_BOM)
    assert list(csv.reader(io.StringIO(body[1:]))) == [
        ["Tên", "Số"],
        ["'" + HYPERLINK, "-2"],
        ["'+1", "3"],
    ]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%C4%91%C6%A1n%20h%C3%A0ng.csv"
    )


def test_an_xlsx_response_is_an_attachment():
    response = xlsx_response(filename="a.xlsx", content=b"x")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="a.xlsx"'


# --- every export ---------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith(CSV_BOM)
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.fixture
def formula_order(db):
    """An order from a cooperative named like a formula, of three such products."""
    cooperative = cooperative_create(name=HYPERLINK)
    buyer = get_user_model().objects.create_user(
        username="buyer", email="buyer@htx.test", password="pw-test-123"
    )
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Default()
    for title in TITLES:
        basket.add_product(
            listed_product_create(cooperative=cooperative, title=title, price=10000)
        )
    order = create_order(
        basket=basket,
        user=buyer,
        shipping_address=ShippingAddressFactory(first_name=HYPERLINK, last_name=""),
    )
    return cooperative, order


def test_the_cooperative_order_lines_csv_neutralises_product_titles(
    client, formula_order
):
    cooperative, _order = formula_order
    client.force_login(staff_create(cooperative=cooperative))

    response = client.get(reverse("cooperatives:manage-export"))

    rows = _csv(response)
    assert sorted(row[2] for row in rows[1:]) == ["'+1", "'-2", "'@SUM(1)"]
    assert {row[4] for row in rows[1:]} == {"10000"}


def test_the_dashboard_order_csv_goes_through_the_writer(client, formula_order):
    _cooperative, order = formula_order
    client.force_login(
        get_user_model().objects.create_superuser(
            username="admin", email="admin@htx.test", password="pw"
        )
    )

    response = client.post(
        reverse("dashboard:order-list"),
        {"action": "download_selected_orders", "selected_order": [order.pk]},
    )

    rows = _csv(response)
    assert len(rows) == 2
    assert rows[1][0] == str(order.number)
    assert "'" + HYPERLINK in rows[1]
    assert response["Content-Disposition"] == 'attachment; filename="orders.csv"'


def test_the_settlement_workbook_neutralises_the_cooperative_name(
    client, formula_order
):
    _cooperative, order = formula_order
    payment_event_record(
        order=order, name=PAID, amount=order.total_incl_tax, lines=order.lines.all()
    )
    client.force_login(finance_user_create())
    today = timezone.localdate().isoformat()

    response = client.get(
        reverse("checkout:staff-settlement"),
        {"date_from": today, "date_to": today, "export": "xlsx"},
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[3]][:3] == ["'" + HYPERLINK, 3, 30000]
    assert sheet["C3"].data_type == "n"


def test_the_dashboard_report_csv_goes_through_the_writer(client, formula_order):
    ProductRecord = get_model("analytics", "ProductRecord")
    _cooperative, order = formula_order
    for line in order.lines.all():
        ProductRecord.objects.update_or_create(
            product=line.product, defaults={"num_views": 2}
        )
    client.force_login(
        get_user_model().objects.create_superuser(
            username="admin", email="admin@htx.test", password="pw"
        )
    )

    response = client.get(
        reverse("dashboard:reports-index"),
        {"report_type": "product_analytics", "download": "true"},
    )

    rows = _csv(response)
    assert sorted(row[0] for row in rows[1:]) == ["'+1", "'-2", "'@SUM(1)"]
    assert {row[1] for row in rows[1:]} == {"2"}
