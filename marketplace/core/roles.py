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
FINANCE_STAFF = "Finance staff"
BUSINESS_STAFF = "Business staff"

#: Acts for the user's own business (agreements.Business.users): its
#: agreements, its conference participation.
MANAGE_OWN_BUSINESS = "agreements.manage_own_business"
#: Approves businesses that registered themselves (Moderators).
MODERATE_BUSINESS = "agreements.moderate_business"
#: Runs a conference's matchmaking: participants, days, tables, schedule,
#: check-in (Agreements staff).
RUN_MATCHMAKING = "matchmaking.run_matchmaking"

#: Runs the agreements register (agreements.selectors.access.user_is_agreements_staff);
#: who may be put in charge of an agreement or assigned a difficulty.
AGREEMENTS_CHANGE = "agreements.change_agreement"

#: Named permissions of the Finance staff's pages (catalog/checkout's models).
RECORD_BANK_TRANSFER = "checkout.record_bank_transfer"
VIEW_SETTLEMENT = "checkout.view_settlement"
REFUND_PAYMENT = "checkout.refund_payment"
#: Opens Oscar's dashboard and its order list and order pages (and nothing
#: else of the dashboard: the rest is for superusers).
DASHBOARD_ORDERS = "order.view_order"
#: Every other page of Oscar's dashboard (catalogue, users, offers, partners,
#: ...). No group holds it: superusers (admin) have every permission.
WHOLE_DASHBOARD = "checkout.use_whole_dashboard"

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
    BUSINESS_STAFF: [MANAGE_OWN_BUSINESS],
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
        MODERATE_BUSINESS,
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
    ]
    + [RUN_MATCHMAKING],
    # Bank transfers, settlement and card refunds; refunds are made from the
    # order page of Oscar's dashboard, so they also read orders there.
    FINANCE_STAFF: [
        RECORD_BANK_TRANSFER,
        VIEW_SETTLEMENT,
        REFUND_PAYMENT,
        DASHBOARD_ORDERS,
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


def users_with_permission(*, perm: str):
    """Return the active users holding ``perm`` (directly, by group, or superuser).

    For choosing people by what they may do (e.g. who can be put in charge of
    an agreement) rather than by ``is_staff`` or a group's name.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    app_label, codename = perm.split(".", 1)
    held = Q(
        user_permissions__content_type__app_label=app_label,
        user_permissions__codename=codename,
    ) | Q(
        groups__permissions__content_type__app_label=app_label,
        groups__permissions__codename=codename,
    )
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(pk__in=users.filter(held | Q(is_superuser=True)).values("pk"))


#: Where a user lands after logging in without a page to return to: the
#: work area of the first permission they hold (URL names). Superusers keep
#: Oscar's landing (the dashboard); buyers go to LOGIN_REDIRECT_URL.
LANDINGS: list[tuple[str, str]] = [
    (AGREEMENTS_CHANGE, "agreements:home"),
    (RECORD_BANK_TRANSFER, "checkout:staff-bank-transfers"),
    ("cooperatives.moderate", "cooperatives:moderation"),
    ("wagtailadmin.access_admin", "wagtailadmin_home"),
    ("cooperatives.manage_own", "cooperatives:manage"),
    (MANAGE_OWN_BUSINESS, "matchmaking:business-home"),
]


def landing_url_name(*, user) -> str | None:
    """Return the URL name of ``user``'s work area, or None for a buyer."""
    if user.is_superuser:
        return None
    for perm, url_name in LANDINGS:
        if user.has_perm(perm):
            return url_name
    return None
