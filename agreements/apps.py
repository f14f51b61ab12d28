from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """The register of agreements signed at trade-connection conferences."""

    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from . import signals  # noqa: F401
