"""Cooperative staff see only their own cooperative; nobody else gets in.

Every URL of the cooperative area is tried by cooperative A's staff on
cooperative B's objects, by an anonymous visitor and by a buyer, including
one order with lines of both A and B.
"""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import ShippingAddressFactory, create_order

from tests.factories.cooperatives import (
    cooperative_create,
    listed_product_create,
    staff_create,
)

Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Cooperatives A and B, a staff user each, a buyer, and one mixed order."""
    a = cooperative_create(name="HTX A")
    b = cooperative_create(name="HTX B")
    product_a = listed_product_create(cooperative=a, title="Na của A", price=60000)
    product_b = listed_product_create(cooperative=b, title="Bưởi của B", price=99000)
    buyer = get_user_model().objects.create_user(
        username="buyer", email="buyer@htx.test", password="pw-test-123"
    )
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Default()
    basket.add_product(product_a, 2)
    basket.add_product(product_b, 1)
    order = create_order(
        basket=basket,
        user=buyer,
        shipping_address=ShippingAddressFactory(
            first_name="Nguyễn", last_name="Văn Mua", line1="12 Trần Phú"
        ),
    )
    line_a = order.lines.get(partner=a.partner)
    line_b = order.lines.get(partner=b.partner)
    return {
        "a": a,
        "b": b,
        "staff_a": staff_create(cooperative=a),
        "staff_b": staff_create(cooperative=b),
        "buyer": buyer,
        "product_a": product_a,
        "product_b": product_b,
        "order": order,
        "line_a": line_a,
        "line_b": line_b,
    }


def _own_urls(w):
    """The URLs of the cooperative area that A's staff may open."""
    return [
        reverse("cooperatives:manage"),
        reverse("cooperatives:manage-profile"),
        reverse("cooperatives:manage-products"),
        reverse("cooperatives:manage-product-add"),
        reverse("cooperatives:manage-product", kwargs={"pk": w["product_a"].pk}),
        reverse("cooperatives:manage-product-lookup"),
        reverse("cooperatives:manage-lines"),
        reverse("cooperatives:manage-line", kwargs={"pk": w["line_a"].pk}),
        reverse("cooperatives:manage-export"),
    ]


def test_staff_open_every_page_of_their_own_area(client, world):
    client.force_login(world["staff_a"])

    for url in _own_urls(world):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("cooperatives:manage-product", "product_b"),
        ("cooperatives:manage-line", "line_b"),
    ],
)
def test_staff_of_a_get_404_for_objects_of_b(client, world, name, key):
    client.force_login(world["staff_a"])
    url = reverse(name, kwargs={"pk": world[key].pk})

    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "Cancelled", "reason": "x"}).status_code == 404


def test_staff_of_a_cannot_move_a_line_of_b(client, world):
    client.force_login(world["staff_a"])

    client.post(
        reverse("cooperatives:manage-line", kwargs={"pk": world["line_b"].pk}),
        {"status": "Confirmed"},
    )

    world["line_b"].refresh_from_db()
    assert world["line_b"].status == "Pending"


def test_anonymous_visitor_is_sent_to_login_from_every_area_page(client, world):
    for url in _own_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("customer:login"))


def test_buyer_gets_404_on_every_area_page(client, world):
    client.force_login(world["buyer"])

    for url in _own_urls(world):
        assert client.get(url).status_code == 404, url


def test_mixed_order_shows_a_only_its_own_line_and_not_the_order_total(client, world):
    client.force_login(world["staff_a"])

    lines_html = client.get(reverse("cooperatives:manage-lines")).content.decode()
    line_html = client.get(
        reverse("cooperatives:manage-line", kwargs={"pk": world["line_a"].pk})
    ).content.decode()

    for html in (lines_html, line_html):
        assert "Na của A" in html
        assert "120.000\xa0₫" in html  # A's line: 2 × 60.000
        assert "Bưởi của B" not in html
        assert "99.000" not in html  # B's line price
        assert "219.000" not in html  # the whole order total
    assert "12 Trần Phú" in line_html  # the buyer's delivery details


def test_export_holds_only_the_cooperatives_own_lines(client, world):
    client.force_login(world["staff_a"])

    response = client.get(reverse("cooperatives:manage-export"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert [row[2] for row in rows[1:]] == ["Na của A"]
    assert rows[1][4] == "120000"


def test_product_lookup_returns_only_own_products(client, world):
    client.force_login(world["staff_a"])

    response = client.get(reverse("cooperatives:manage-product-lookup"), {"q": "của"})

    assert response.json() == {
        "results": [{"id": world["product_a"].pk, "text": "Na của A"}]
    }


def test_sales_summary_counts_only_own_lines(client, world):
    client.force_login(world["staff_a"])

    summary = client.get(reverse("cooperatives:manage")).context["summary"]

    assert (summary["lines"], summary["quantity"], summary["total"]) == (1, 2, 120000)


def test_staff_move_their_line_through_the_pipeline_and_cancel_with_reason(
    client, world
):
    client.force_login(world["staff_a"])
    url = reverse("cooperatives:manage-line", kwargs={"pk": world["line_a"].pk})

    client.post(url, {"status": "Confirmed"})
    refused = client.post(url, {"status": "Cancelled", "reason": ""})
    client.post(url, {"status": "Cancelled", "reason": "Hết hàng"})

    assert "Hãy nêu lý do hủy." in refused.content.decode()
    world["line_a"].refresh_from_db()
    assert world["line_a"].status == "Cancelled"
    assert world["order"].notes.get().message.endswith("Hết hàng")


def test_oscar_dashboard_is_closed_to_cooperative_staff(client, world):
    client.force_login(world["staff_a"])

    for url in [
        reverse("dashboard:index"),
        reverse("dashboard:order-list"),
        reverse("dashboard:order-detail", kwargs={"number": world["order"].number}),
        reverse("dashboard:catalogue-product-list"),
        reverse("dashboard:catalogue-product-lookup"),
        reverse("dashboard:order-stats"),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Bưởi của B" not in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "buyer", "staff_a"])
def test_only_moderators_open_the_moderation_queue(client, world, who):
    if who != "anonymous":
        client.force_login(world[who])

    response = client.get(reverse("cooperatives:moderation"))

    assert response.status_code in (302, 403)
