from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """The register of agreements signed at trade-connection conferences."""

    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        # The news site's conference pages show the register's outcomes.
        from marketplace.pagecache.invalidation import bump_on_writes

        from . import signals  # noqa: F401

        bump_on_writes("agreements", app_labels={"agreements"})
