"""Oscar's order placement, with stock locked while the order is written."""

from django.db import transaction
from oscar.apps.checkout import mixins as oscar_mixins

from .shipping_charges import order_shipping_charges_record
from .stock import stock_lock_and_check


class OrderPlacementMixin(oscar_mixins.OrderPlacementMixin):
    def place_order(self, **kwargs):
        with transaction.atomic():
            stock_lock_and_check(basket=kwargs["basket"])
            order = super().place_order(**kwargs)
            order_shipping_charges_record(
                order=order,
                basket=kwargs["basket"],
                shipping_method=kwargs["shipping_method"],
            )
            return order

    def send_order_placed_email(self, order):
        # A guest may check out with a phone number only: no address, no
        # confirmation (Oscar would take the order for a registered user's
        # and fail on its missing user).
        if order.user_id is None and not order.guest_email:
            return
        super().send_order_placed_email(order)
