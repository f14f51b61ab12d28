import oscar.apps.dashboard.apps as apps

from marketplace.core import roles


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, opened by named permissions only.

    Oscar lets in anyone with ``is_staff`` and, page by page, anyone holding
    the page's model permission (moderators hold catalogue.change_product for
    their moderation, which would open the dashboard's product pages). The
    checks below wrap every dashboard page on top of Oscar's own, because
    ``post_process_urls`` also reaches the patterns of the included dashboard
    apps: Finance staff get the order list and order pages (card refunds are
    made there); everything else needs ``roles.WHOLE_DASHBOARD``, which only
    superusers hold. Cooperative staff have no dashboard (see the README).
    """

    name = "catalog.dashboard"

    #: Any dashboard page not named in ``permissions_map``.
    default_permissions = [roles.WHOLE_DASHBOARD]

    def configure_permissions(self):
        orders = ([roles.DASHBOARD_ORDERS], [roles.WHOLE_DASHBOARD])
        self.permissions_map = {
            "index": orders,
            "order-list": orders,
            "order-detail": orders,
            "order-line-detail": orders,
            # The dashboard's own login and logout stay open (an empty list
            # adds no check).
            "login": [],
            "logout": [],
        }
