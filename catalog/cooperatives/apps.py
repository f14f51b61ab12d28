from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    """Cooperatives (HTX) and their storefronts; each is linked to an Oscar Partner."""

    name = "catalog.cooperatives"
    label = "cooperatives"
    verbose_name = _("Cooperatives")

    def ready(self):
        # Connects the e-mails to each cooperative when an order is placed.
        from . import notifications  # noqa: F401
