"""Oscar's order placement, with stock locked while the order is written."""

from django.db import transaction
from oscar.apps.checkout import mixins as oscar_mixins

from .stock import stock_lock_and_check


class OrderPlacementMixin(oscar_mixins.OrderPlacementMixin):
    def place_order(self, **kwargs):
        with transaction.atomic():
            stock_lock_and_check(basket=kwargs["basket"])
            return super().place_order(**kwargs)
