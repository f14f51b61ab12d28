"""Oscar's basket middleware, dropping dead vouchers before offers apply."""

from django.contrib import messages
from django.utils.translation import gettext as _
from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware

from catalog.basket.services import basket_vouchers_remove_unusable


class BasketMiddleware(OscarBasketMiddleware):
    """Load the basket as Oscar does, first removing vouchers nobody can use.

    Every page that reads the basket (the basket page, each checkout step,
    placing the order) goes through here, so a voucher used up by another
    buyer is taken out, with a message, before it can block the order.
    """

    def apply_offers_to_basket(self, request, basket):
        removed = basket_vouchers_remove_unusable(basket=basket, user=request.user)
        for code, reason in removed:
            messages.warning(
                request,
                _("Voucher %(code)s was removed from your basket (%(reason)s).")
                % {"code": code, "reason": reason},
            )
        super().apply_offers_to_basket(request, basket)
