"""Oscar's dashboard order views, with the order CSV written by our export writer.

Oscar finds this module through the forked dashboard app
(``get_class("dashboard.orders.views", ...)``); every other view of the
module is Oscar's own.
"""

from django.http import Http404
from oscar.apps.dashboard.orders import views as oscar_views

from marketplace.core import roles
from marketplace.core.exports import csv_response

Order = oscar_views.Order


def queryset_orders_for_user(user):
    """Return the orders the user may open in the dashboard.

    Holders of the dashboard's order permission (Finance staff, superusers)
    see all of them, whether or not they have ``is_staff``, which Oscar's own
    version checks; anyone else gets Oscar's scoping to the user's partners.
    """
    if user.is_active and user.has_perm(roles.DASHBOARD_ORDERS):
        return Order._default_manager.select_related(
            "billing_address",
            "billing_address__country",
            "shipping_address",
            "shipping_address__country",
            "user",
        ).prefetch_related("lines", "status_changes")
    return oscar_views.queryset_orders_for_user(user)


def get_order_for_user_or_404(user, number):
    """Return the order ``number`` if the user may open it, else raise 404."""
    try:
        return queryset_orders_for_user(user).get(number=number)
    except Order.DoesNotExist as error:
        raise Http404 from error


class OrderListView(oscar_views.OrderListView):
    """Oscar's order list; "download selected orders" neutralises formulas."""

    def dispatch(self, request, *args, **kwargs):
        self.base_queryset = queryset_orders_for_user(request.user).order_by(
            "-date_placed"
        )
        # Oscar's own dispatch only sets base_queryset (with its scoping).
        return super(oscar_views.OrderListView, self).dispatch(request, *args, **kwargs)

    def download_selected_orders(self, request, orders):
        """Return the chosen orders as CSV, each text cell neutralised."""
        header = list(self.CSV_COLUMNS.values())
        rows = (
            [values.get(column, "") for column in self.CSV_COLUMNS]
            for values in map(self.get_row_values, orders)
        )
        return csv_response(
            filename=self.get_download_filename(request), rows=[header, *rows]
        )


class OrderDetailView(oscar_views.OrderDetailView):
    """Oscar's order page, open to every holder of the order permission."""

    def get_object(self, queryset=None):
        return get_order_for_user_or_404(self.request.user, self.kwargs["number"])


class LineDetailView(oscar_views.LineDetailView):
    """Oscar's order line page, open to every holder of the order permission."""

    def get_object(self, queryset=None):
        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        try:
            return order.lines.get(pk=self.kwargs["line_id"])
        except self.model.DoesNotExist as error:
            raise Http404 from error
