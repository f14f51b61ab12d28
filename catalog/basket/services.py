"""Writes to a buyer's basket that Oscar leaves to the project."""

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

Voucher = get_model("voucher", "Voucher")


def basket_vouchers_remove_unusable(*, basket, user) -> list[tuple[str, str]]:
    """Remove from ``basket`` the vouchers that can no longer be used.

    A voucher dies in a basket when it expires or is switched off, or when
    another order uses it up (single use, or once per customer). Oscar's
    applicator then silently skips it, the basket page does not list it (so it
    cannot be removed) and placing the order raises, every time. Return the
    ``(code, reason)`` of each voucher removed.
    """
    if not basket.id:
        return []
    removed = []
    for voucher in basket.vouchers.all():
        if not voucher.is_active():
            reason = (
                _("it has expired")
                if voucher.is_expired()
                else _("it is not active at the moment")
            )
        else:
            usable, reason = voucher.is_available_to_user(user=user)
            if usable:
                continue
        basket.vouchers.remove(voucher)
        removed.append((voucher.code, str(reason)))
    return removed
