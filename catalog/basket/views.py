"""Oscar's basket views, with "Buy now" on the add-to-basket form."""

from django.contrib import messages
from django.urls import reverse
from oscar.apps.basket import views as oscar_views

#: The name of the add-to-basket form's second submit button.
BUY_NOW = "buy_now"


class BasketAddView(oscar_views.BasketAddView):
    """Add to the basket; "Buy now" then goes straight to the checkout.

    "Buy now" is a second submit button of Oscar's add-to-basket form, so it
    adds the chosen quantity exactly as "Add to basket" does (stock and
    purchase rules included) and needs no URL of its own.
    """

    def form_valid(self, form):
        if BUY_NOW not in self.request.POST:
            return super().form_valid(form)
        storage = messages.get_messages(self.request)
        queued = getattr(storage, "_queued_messages", None)
        before = len(queued) if queued is not None else 0
        response = super().form_valid(form)
        if queued is not None:
            # The checkout shows the basket: drop Oscar's "added" and "your
            # basket total is now" notes, keep any warning.
            queued[before:] = [
                m for m in queued[before:] if m.level >= messages.WARNING
            ]
        return response

    def get_success_url(self):
        if BUY_NOW in self.request.POST:
            return reverse("checkout:index")
        return super().get_success_url()
