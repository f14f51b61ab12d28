from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def admin_site_has_permission(request) -> bool:
    """Return whether the user may use Django's admin: active superusers only.

    Django's default lets in every ``is_staff`` user, who then sees the models
    their permissions cover (moderators could change products there); the
    README reserves this admin for superusers.
    """
    return bool(request.user.is_active and request.user.is_superuser)


class MarketplaceConfig(AppConfig):
    """The project package: settings, URL map, site chrome, roles and demo data."""

    name = "marketplace"
    verbose_name = _("HTX Connect")

    def ready(self):
        from django.contrib import admin

        admin.site.has_permission = admin_site_has_permission

        from . import page_parts

        page_parts.register()
