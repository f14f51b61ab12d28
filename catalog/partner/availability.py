"""Availability policies of the store, on top of Oscar's.

Oscar loads this module with ``get_class("partner.availability", ...)``;
names not defined here come from ``oscar.apps.partner.availability``.
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.availability import Unavailable


class NotForSale(Unavailable):
    """A product that exists but is not offered to buyers.

    It is not public, its listing is not approved by a moderator, its
    cooperative is not approved, or it has no price. It subclasses Oscar's
    ``Unavailable`` so that basket lines holding it are flagged as "no longer
    available" and checkout refuses them.
    """

    code = "notforsale"
    message = _("Not for sale")

    def is_purchase_permitted(self, quantity):
        return False, _("this product is not for sale")
