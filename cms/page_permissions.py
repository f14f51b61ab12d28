"""Where the editors' and moderators' page permissions sit in the page tree.

Wagtail's migrations give the Editors and Moderators groups their page
permissions on the tree's root, so Wagtail's explorer opens on "Root" for
them: a level above the site, where a page would have no address. They work
in one site, so their permissions sit on its home page instead, and the
explorer opens on the home page's children. The data migration
``cms.0005_admin_vietnamese_names_and_home`` moves them for an existing
site, ``marketplace.sites.sites_configure`` whenever the site gets its home.
"""

from collections.abc import Iterable

from marketplace.core import roles

#: The groups whose page permissions follow the site's home.
PAGE_ROLES = (roles.EDITORS, roles.MODERATORS)


def page_permissions_move(
    *, apps, to_page_id: int, from_page_ids: Iterable[int]
) -> int:
    """Move the page permissions of PAGE_ROLES from ``from_page_ids`` to a page.

    ``apps`` is a migration's app registry, or ``django.apps.apps``. A
    permission the group already holds on the target page is dropped rather
    than doubled. Return how many permissions were moved or merged.
    """
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    moving = GroupPagePermission.objects.filter(
        group__name__in=PAGE_ROLES, page_id__in=list(from_page_ids)
    ).exclude(page_id=to_page_id)
    count = 0
    for grant in moving:
        held = GroupPagePermission.objects.filter(
            group_id=grant.group_id,
            permission_id=grant.permission_id,
            page_id=to_page_id,
        )
        if held.exists():
            grant.delete()
        else:
            grant.page_id = to_page_id
            grant.save(update_fields=["page"])
        count += 1
    return count
