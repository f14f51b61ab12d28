from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search index tables; the label is not "search", which Oscar owns."""

    name = "marketplace.search"
    label = "htx_search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals

        signals.connect()
