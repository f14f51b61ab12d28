"""Oscar's basket middleware, dropping dead vouchers before offers apply."""

from django.contrib import messages
from django.core.signing import BadSignature, Signer
from django.utils.translation import gettext as _
from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware
from oscar.core.loading import get_model

from catalog.basket.services import basket_vouchers_remove_unusable


class BasketMiddleware(OscarBasketMiddleware):
    """Load the basket as Oscar does, first removing vouchers nobody can use.

    Every page that reads the basket (the basket page, each checkout step,
    placing the order) goes through here, so a voucher used up by another
    buyer is taken out, with a message, before it can block the order.
    """

    def get_cookie_basket(self, cookie_key, request, manager):
        """Oscar's guest basket; a frozen one keeps its cookie.

        A card payment freezes the guest's basket while the buyer is on the
        card page, whose header still shows a basket. Oscar would delete the
        cookie of a basket that is not open, so a cancelled or failed payment
        would thaw a basket the buyer can no longer reach.
        """
        basket = super().get_cookie_basket(cookie_key, request, manager)
        if basket is None and cookie_key in request.cookies_to_delete:
            Basket = get_model("basket", "Basket")
            try:
                basket_id = Signer().unsign(request.COOKIES[cookie_key])
            except BadSignature:
                return None
            if Basket.objects.filter(
                pk=basket_id, owner=None, status=Basket.FROZEN
            ).exists():
                request.cookies_to_delete.remove(cookie_key)
        return basket

    def apply_offers_to_basket(self, request, basket):
        removed = basket_vouchers_remove_unusable(basket=basket, user=request.user)
        for code, reason in removed:
            messages.warning(
                request,
                _("Voucher %(code)s was removed from your basket (%(reason)s).")
                % {"code": code, "reason": reason},
            )
        super().apply_offers_to_basket(request, basket)
