from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search index tables; the label is not "search", which Oscar owns.

    Search connects no receivers of its own: the apps whose products and
    pages it indexes register their sources and result tabs with it, and
    enqueue its indexing tasks when those change.
    """

    name = "marketplace.search"
    label = "htx_search"
    verbose_name = _("Search")
