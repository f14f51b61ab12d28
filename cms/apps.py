from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The alliance's news site on Wagtail."""

    name = "cms"
    verbose_name = _("News site")

    def ready(self):
        from . import cache, signals, slugs

        signals.connect()
        cache.register()
        slugs.register()

        # The register knows no news site: the news site tells it which page
        # is about which conference, and keeps the two under one name.
        from . import conference_links

        conference_links.register()

        # Search knows no news site: the news site gives it its pages,
        # reindexes them when they change, and adds the news tab to the
        # search page.
        from . import search_records, search_signals, search_views

        search_records.register()
        search_signals.connect()
        search_views.register()
