"""Oscar's customer app, unchanged except that state changes need a POST.

Not a fork: ``name`` stays ``oscar.apps.customer``, so the models,
migrations, templates and ``get_class`` lookups remain Oscar's. Only the
URL map is changed: logging out, adding a product to a wish list and moving
one between wish lists answer 405 to a GET, so a link or an image on another
site cannot log a buyer out or fill their wish list (CSRF protects POSTs).
Staff who log in without a page to return to land on their work area
(``marketplace.core.roles.landing_url_name``), not on the buyer's account.
The store has no page per order line (the order page lists the lines, one
shipment per cooperative), so Oscar's order-line URL answers 404.
"""

from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_POST
from oscar.apps.customer import apps

from marketplace.core.roles import landing_url_name

#: URL names whose views change state on a GET in Oscar.
POST_ONLY_URL_NAMES = frozenset(
    {"logout", "wishlists-add-product", "wishlists-move-product-to-another"}
)


class CustomerConfig(apps.CustomerConfig):
    name = "oscar.apps.customer"
    label = "customer"

    def ready(self):
        super().ready()
        oscar_move_view = self.wishlists_move_product_to_another_view

        class WishListMoveProduct(oscar_move_view):
            """Oscar's move between wish lists, done by a POST."""

            def post(self, request, *args, **kwargs):
                return oscar_move_view.get(self, request, *args, **kwargs)

        self.wishlists_move_product_to_another_view = WishListMoveProduct

        oscar_login_view = self.login_view

        class AccountAuthView(oscar_login_view):
            """Oscar's login, landing staff on their work area."""

            def get_login_success_url(self, form):
                url_name = None
                if not form.cleaned_data["redirect_url"]:
                    url_name = landing_url_name(user=self.request.user)
                if url_name:
                    return reverse(url_name)
                return super().get_login_success_url(form)

        self.login_view = AccountAuthView

    def get_urls(self):
        urls = super().get_urls()
        for pattern in urls:
            if getattr(pattern, "name", None) in POST_ONLY_URL_NAMES:
                # require_POST runs before the view's dispatch(), which in
                # Oscar's add view already creates a wish list.
                pattern.callback = require_POST(pattern.callback)
            elif getattr(pattern, "name", None) == "order-line":
                pattern.callback = no_order_line_page
        return urls


def no_order_line_page(request, *args, **kwargs):
    """Answer 404: Oscar's line page has no template and the order page shows lines."""
    raise Http404
