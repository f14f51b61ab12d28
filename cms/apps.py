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
