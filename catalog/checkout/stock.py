"""Stock allocation that cannot oversell when many buyers check out at once."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


def stock_lock_and_check(*, basket) -> None:
    """Lock the basket's stock records and check there is enough of each.

    Must run inside the transaction that then allocates the stock (Oscar's
    OrderCreator does that with an atomic UPDATE). The row locks, taken in
    primary-key order so two checkouts never deadlock, make concurrent
    checkouts of the last units wait for each other instead of both passing
    the availability check.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("stock_lock_and_check must run in a transaction")
    wanted: Counter[int] = Counter()
    titles: dict[int, str] = {}
    for line in basket.all_lines():
        if line.stockrecord_id is None:
            continue
        wanted[line.stockrecord_id] += line.quantity
        titles[line.stockrecord_id] = line.product.get_title()
    records = (
        StockRecord.objects.select_for_update(of=("self",))
        .select_related("product__product_class", "product__parent__product_class")
        .filter(pk__in=wanted)
        .order_by("pk")
    )
    for record in records:
        product_class = record.product.get_product_class()
        if not (product_class and product_class.track_stock):
            continue
        available = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if wanted[record.pk] > available:
            raise UnableToPlaceOrder(
                _("Only %(count)d of “%(title)s” left in stock.")
                % {"count": max(available, 0), "title": titles[record.pk]}
            )
