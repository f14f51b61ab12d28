from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    """The project package: settings, URL map, site chrome, roles and demo data."""

    name = "marketplace"
    verbose_name = _("HTX Connect")
