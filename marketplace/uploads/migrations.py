"""Helpers for data migrations that move stored files into private storage."""

from __future__ import annotations

import posixpath

from django.core.files.storage import default_storage

from .policy import CONTENT_TYPES
from .storage import RandomName, private_storage


def files_move_to_private(
    apps, *, app_label: str, model_name: str, field_name: str, folder: str
) -> int:
    """Move each stored file of a field from public media to private storage.

    Each file is copied under a random name (keeping a known extension), the
    row is updated, and the public copy is deleted, so its old URL stops
    answering. Rows whose file is missing are left as they are. Return the
    number of files moved.
    """
    model = apps.get_model(app_label, model_name)
    private = private_storage()
    upload_to = RandomName(folder)
    moved = 0
    rows = (
        model._default_manager.exclude(**{field_name: ""})
        .exclude(**{f"{field_name}__isnull": True})
        .values_list("pk", field_name)
    )
    for pk, name in rows.iterator():
        if not default_storage.exists(name):
            continue
        extension = posixpath.splitext(name)[1].lower().lstrip(".")
        extension = "jpg" if extension == "jpeg" else extension
        kept = f".{extension}" if extension in CONTENT_TYPES else ""
        with default_storage.open(name, "rb") as source:
            new_name = private.save(upload_to(None, f"file{kept}"), source)
        model._default_manager.filter(pk=pk).update(**{field_name: new_name})
        default_storage.delete(name)
        moved += 1
    return moved
