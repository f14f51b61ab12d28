"""Draft agreements: opened from outside the register (a conference
meeting whose two sides want an MOU), completed by staff, then signed.

A draft (``Agreement.is_draft``) is an agreement in every other way: it
has parties and lines and staff edit it with the usual form. Until it is
signed it counts in no figure (``figures.lines_cte`` and the selectors
leave out its lines), gets no follow-ups or reminders, and no delivery is
reported on it. ``agreement_sign`` ends that: from then on it is followed
like every other agreement.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Agreement
from .services import AgreementDraft, agreement_save, follow_ups_schedule


def agreement_draft_open(*, draft: AgreementDraft) -> Agreement:
    """Save a new draft agreement with its parties and lines, under the
    rules of ``services.agreement_save`` (which schedules no follow-ups for
    a draft)."""
    draft.agreement.is_draft = True
    return agreement_save(
        agreement=draft.agreement, parties=draft.parties, commitments=draft.commitments
    )


@transaction.atomic
def agreement_sign(
    *,
    agreement: Agreement,
    signed_on: datetime.date,
    document=None,
    user=None,
) -> Agreement:
    """Mark a draft signed on ``signed_on`` (with the signed document, when
    given) and schedule its follow-ups."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.is_draft:
        raise ValidationError(_("This agreement is already signed."), code="not_draft")
    if signed_on is None:
        raise ValidationError({"signed_on": _("Give the signing date.")})
    agreement.is_draft = False
    agreement.signed_on = signed_on
    if document:
        agreement.document = document
    agreement._change_reason = _("Signed")
    agreement.save()
    follow_ups_schedule(agreement=agreement)
    return agreement
