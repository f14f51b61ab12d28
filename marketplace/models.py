"""Models of the project package: what the apps share and no app owns."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionToken(models.Model):
    """A form submission that was recorded, by the one-time token of its form.

    ``marketplace.submissions`` issues the token (signed, not stored) when a
    form renders and inserts it here in the same transaction as the write
    the form asks for. The unique key lets exactly one transaction through:
    a second submission of the same form waits for the first, then fails
    the constraint and is sent where the first one led (``result_url``).
    """

    #: The token's random part.
    key = models.CharField(_("key"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Which form issued the token, e.g. ``agreements.delivery``.
    purpose = models.CharField(_("purpose"), max_length=100)
    #: Where the recorded submission led (a path on this site).
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        constraints = [
            models.UniqueConstraint(fields=["key"], name="submission_token_unique_key")
        ]
        indexes = [
            models.Index(fields=["user", "created_at"], name="submission_user_idx")
        ]

    def __str__(self) -> str:
        return f"{self.purpose} · {self.key}"
