"""Bump a version on every write to the models of some apps."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .versions import versions_bump


def bump_on_writes(name: str, *, app_labels) -> None:
    """Bump version ``name`` whenever a row of one of these apps is saved or deleted.

    Saves, deletes and many-to-many changes send signals; ``QuerySet.update()``
    and ``bulk_create()`` do not, so code that writes that way bumps the
    version itself.
    """
    labels = frozenset(app_labels)

    def changed(sender, **kwargs):
        if sender._meta.app_label in labels:
            versions_bump(name)

    def relation_changed(sender, action, **kwargs):
        if action.startswith("post_") and sender._meta.app_label in labels:
            versions_bump(name)

    uid = f"htx-pagecache-{name}"
    post_save.connect(changed, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(changed, weak=False, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(relation_changed, weak=False, dispatch_uid=f"{uid}-m2m")
