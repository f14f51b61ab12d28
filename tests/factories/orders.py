"""Place orders for tests without walking through the checkout."""

from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order


def order_create(*, user, product, guest_email: str = ""):
    """Place an order for one unit of ``product`` (Oscar's test helper)."""
    Basket = get_model("basket", "Basket")
    Selector = get_class("partner.strategy", "Selector")

    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    basket.add_product(product)
    extra = {"guest_email": guest_email} if guest_email else {}
    return create_order(basket=basket, user=user, **extra)
