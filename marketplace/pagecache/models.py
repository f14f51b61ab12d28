"""Version counters kept in the database, when no shared cache (Redis) is set."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCacheVersion(models.Model):
    """One namespace's version: bumped in the writer's own transaction.

    Readers see the new version and the new rows at the same moment (the
    commit), so no one can store a page of the old rows under the new version.
    """

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    version = models.BigIntegerField(_("version"))

    class Meta:
        verbose_name = _("page cache version")
        verbose_name_plural = _("page cache versions")

    def __str__(self) -> str:
        return f"{self.name}={self.version}"
