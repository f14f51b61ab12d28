"""Walk a buyer through Oscar's checkout with Django's test client."""

import pytest
from django.urls import reverse

from tests.factories.catalogue import partner_create, product_create

# A real commune of Hà Nội (province 1), from marketplace.core.vn_units.
ADDRESS = {
    "first_name": "Nguyễn Văn An",
    "phone_number": "0912 345 678",
    "line1": "12 Phố Huế",
    "notes": "",
    # Chosen on the delivery step (cash on delivery is pre-selected there).
    "payment_method": "cod",
}


@pytest.fixture
def address_data():
    from marketplace.core import vn_units

    province = 1
    ward = vn_units.ward_choices(province_code=province)[0][0]
    return {
        **ADDRESS,
        "province": str(province),
        "ward": str(ward),
    }


@pytest.fixture
def two_cooperatives(db):
    dong_banh = partner_create(name="HTX Đồng Bành", code="dong-banh")
    quoi_son = partner_create(name="HTX Quới Sơn", code="quoi-son")
    na = product_create(title="Na Chi Lăng", price=60000, stock=5, partner=dong_banh)
    buoi = product_create(title="Bưởi da xanh", price=45000, stock=5, partner=quoi_son)
    return na, buoi


def basket_add(client, product, quantity=1):
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}
    )
    assert response.status_code == 302


def checkout_to_payment(client, address, *, email="khach@example.vn"):
    """Delivery step (with a guest e-mail), shipping method: up to payment."""
    response = client.get(reverse("checkout:index"))
    assert response.status_code == 302, response.content[:2000]
    response = client.post(
        reverse("checkout:shipping-address"), {**address, "guest_email": email}
    )
    assert response.status_code == 302, response.context["form"].errors
    response = client.get(reverse("checkout:shipping-method"))
    assert response.status_code == 302
    return response


def checkout_pay_with(client, method):
    response = client.post(reverse("checkout:preview"), {"payment_method": method})
    assert response.status_code == 200
    return client.post(reverse("checkout:preview"), {"action": "place_order"})
