"""The site's roles as Django groups, and the permissions each one needs.

Editors and moderators are Wagtail's own groups (Wagtail's migrations create
them with page permissions on the tree); this module adds what they need
beyond the page tree. Later modules extend ``ROLE_PERMISSIONS`` and call
``roles_sync`` again from a migration of their own.
"""

from collections.abc import Iterable

COOPERATIVE_STAFF = "Cooperative staff"
EDITORS = "Editors"
MODERATORS = "Moderators"
AGREEMENTS_STAFF = "Agreements staff"

_WAGTAIL_MEDIA = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

#: Group name -> "app_label.codename" permissions it must hold.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    # The cooperative area (catalog/cooperatives), limited to the user's own
    # cooperative. Not Oscar's partner.dashboard_access: Oscar's dashboard
    # shows a partner user whole orders, other cooperatives' lines included.
    COOPERATIVE_STAFF: ["cooperatives.manage_own"],
    EDITORS: _WAGTAIL_MEDIA,
    MODERATORS: _WAGTAIL_MEDIA
    + [
        "wagtailimages.delete_image",
        "wagtaildocs.delete_document",
        "catalogue.change_product",
        "catalogue.view_product",
        "cooperatives.moderate",
        "cooperatives.view_cooperative",
        "cooperatives.change_cooperative",
    ],
    AGREEMENTS_STAFF: [
        f"agreements.{action}_{model}"
        for model in (
            "conference",
            "business",
            "agreement",
            "agreementparty",
            "commitment",
            "milestone",
            "deliveryreport",
            "difficulty",
            "followup",
        )
        for action in ("view", "add", "change", "delete")
    ],
}


def roles_sync(*, apps, role_permissions: dict[str, Iterable[str]] | None = None):
    """Create each role's group and give it its permissions (idempotent).

    ``apps`` is a migration's app registry, or ``django.apps.apps``.
    Permissions are created first: on a fresh database Django only creates
    them after the last migration has run.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, perms in (role_permissions or ROLE_PERMISSIONS).items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            # An app whose models do not exist yet at this migration has no
            # permissions; that app's own migration calls roles_sync again.
            if permission is not None:
                group.permissions.add(permission)
