"""Where uploads are stored: random names, and the private storage."""

from __future__ import annotations

import posixpath
import uuid

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty

#: The STORAGES alias of files that only views checking the viewer serve.
PRIVATE_STORAGE_ALIAS = "private"


class PrivateStorage(LazyObject):
    """The ``private`` storage of STORAGES, read when first used."""

    def _setup(self) -> None:
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """Return the private storage (a callable, so migrations name no backend)."""
    return _private_storage


def _reset_private_storage(*, setting: str, **kwargs) -> None:
    if setting in {"STORAGES", "PRIVATE_MEDIA_ROOT"}:
        _private_storage._wrapped = empty


setting_changed.connect(_reset_private_storage)


@deconstructible
class RandomName:
    """An ``upload_to`` giving ``<folder>/<year>/<uuid4 hex>.<extension>``.

    The original name is dropped, so nobody can guess a stored path; the
    extension kept is the one the upload policy set from the detected type.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = posixpath.splitext(filename or "")[1].lower()
        if not extension[1:].isalnum() or len(extension) > 6:
            extension = ""
        year = f"{timezone.now():%Y}"
        return f"{self.folder}/{year}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder
