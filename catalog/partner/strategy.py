"""The store's pricing and availability strategy.

Oscar loads ``Selector`` from here with ``get_class("partner.strategy", ...)``
(the basket middleware, the checkout and the product templates all ask it).
The one rule added to Oscar's default: only a product that is for sale (see
``product_is_for_sale``) can be added to a basket or ordered.
"""

from oscar.apps.partner.strategy import *  # noqa: F403
from oscar.apps.partner.strategy import (
    NoTax,
    StockRequired,
    Structured,
    UseFirstStockRecord,
)

from catalog.cooperatives.models import ApprovalStatus, ProductListing
from catalog.partner.availability import NotForSale


def product_is_for_sale(*, product, stockrecord) -> bool:
    """Return whether buyers may buy ``product`` from ``stockrecord`` at all.

    A product is for sale when all of these hold:

    - it is public (``is_public``; a new product stays hidden until a
      moderator approves it);
    - if it has a cooperative listing, the listing is approved (a change
      waiting for moderation keeps the approved version for sale) and the
      listing's cooperative is approved;
    - it has a stock record with a price.

    Stock is checked separately by Oscar's ``StockRequired`` policy (the
    stock record's ``num_available`` must cover the quantity). A child
    product follows its parent's visibility and listing.

    Reads ``product.listing.cooperative``: the catalogue's querysets
    select it with the product, so a product card costs no extra query.
    """
    if stockrecord is None or stockrecord.price is None:
        return False
    owner = product.parent if product.is_child else product
    if not (product.is_public and owner.is_public):
        return False
    try:
        listing = owner.listing
    except ProductListing.DoesNotExist:
        # Products the alliance lists itself (no cooperative listing) are sold
        # like the catalogue shows them.
        return True
    return (
        listing.status == ApprovalStatus.APPROVED
        and listing.cooperative.status == ApprovalStatus.APPROVED
    )


class ForSaleRequired(StockRequired):
    """Oscar's stock rule, refusing first the products that are not for sale."""

    def availability_policy(self, product, stockrecord):
        if not product_is_for_sale(product=product, stockrecord=stockrecord):
            return NotForSale()
        return super().availability_policy(product, stockrecord)


class Default(UseFirstStockRecord, ForSaleRequired, NoTax, Structured):
    """The first stock record, no tax, and only products that are for sale."""


class Selector:
    """Return the same strategy for every buyer.

    Prices do not depend on the buyer, which lets product cards be cached
    (catalog/catalogue/templatetags/product_card_tags.py).
    """

    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
