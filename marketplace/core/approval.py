"""What the alliance's moderators decide about something submitted to them:
a cooperative, a product listing, a business, a conference participant.

One set of states for all of them, so that every queue, filter and badge
speaks the same words.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
