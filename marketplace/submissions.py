"""One-time form tokens: the same form sent twice records one row.

A form that creates a row mixes in ``SubmissionTokenMixin``. When it renders,
it carries a hidden token issued for the signed-in user and the form's
purpose (signed with ``SECRET_KEY``, nothing stored). The view writes through
``submission_once``, which consumes the token in the same transaction as the
write: consuming inserts the token's key into ``SubmissionToken``, whose
unique constraint lets exactly one transaction through. A second submission
of the same form (a double click, a resent request, two tabs) either fails
the constraint at once or, when both are in flight together, waits on the
first one's insert and fails it when the first commits; it raises
``SubmissionReplayed``, carrying where the first submission led, and the
view sends the user there with a message instead of writing again (views
also ask ``form.submission_replayed()`` before validating, so that a repeat
of a form whose fields must be unique is not answered "already exists").
When the write fails (a ``ValidationError``) the whole transaction rolls
back, the token with it, and the corrected form can be sent again.

A token is good for ``TOKEN_MAX_AGE``; consumed keys are kept a little
longer (``KEEP``), so an old token can never be replayed after its row is
pruned.
"""

import datetime
import secrets
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .core.http import redirect_safe
from .models import SubmissionToken

#: Name of the hidden field.
FIELD_NAME = "submission_token"
#: How long a rendered form may wait before it is sent.
TOKEN_MAX_AGE = datetime.timedelta(days=2)
#: How long consumed keys are kept (longer than a token lives).
KEEP = datetime.timedelta(days=3)
_SALT = "marketplace.submissions"

T = TypeVar("T")


class SubmissionTokenInvalid(Exception):
    """The token is missing, tampered with, expired or another user's."""


class SubmissionReplayed(Exception):
    """The form was already sent and recorded; ``result_url`` is where the
    first submission led (empty when unknown)."""

    def __init__(self, result_url: str = "") -> None:
        super().__init__(result_url)
        self.result_url = result_url


def submission_token_issue(*, user, purpose: str) -> str:
    """Return a new one-time token for ``user`` sending the form ``purpose``."""
    payload = {
        "k": secrets.token_urlsafe(24),
        "u": user.pk if user is not None and user.is_authenticated else None,
        "p": purpose,
    }
    return signing.dumps(payload, salt=_SALT)


def submission_token_read(*, token: str, user, purpose: str | None = None) -> dict:
    """Return the token's payload; raise SubmissionTokenInvalid unless it is
    genuine, recent, the user's and (when given) for ``purpose``."""
    try:
        payload = signing.loads(
            token or "", salt=_SALT, max_age=TOKEN_MAX_AGE.total_seconds()
        )
    except signing.BadSignature as error:
        raise SubmissionTokenInvalid from error
    user_pk = user.pk if user is not None and user.is_authenticated else None
    if not isinstance(payload, dict) or payload.get("u") != user_pk:
        raise SubmissionTokenInvalid
    if purpose is not None and payload.get("p") != purpose:
        raise SubmissionTokenInvalid
    return payload


def submission_token_consume(*, token: str, user) -> SubmissionToken:
    """Record that the form of ``token`` is being sent, or refuse a repeat.

    Call it inside the transaction that writes what the form asks for, so
    that the token is consumed if and only if the write commits. Raise
    SubmissionTokenInvalid for a bad token and SubmissionReplayed when the
    token was already used (or is being used by a request still in flight:
    then this call waits for it).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Consume a submission token inside transaction.atomic.")
    payload = submission_token_read(token=token, user=user)
    owner = user if user is not None and user.is_authenticated else None
    try:
        # A savepoint: a failed insert must not spoil the outer transaction
        # before SubmissionReplayed rolls it back.
        with transaction.atomic():
            submission = SubmissionToken.objects.create(
                key=payload["k"], user=owner, purpose=payload["p"]
            )
    except IntegrityError:
        first = SubmissionToken.objects.filter(key=payload["k"]).first()
        raise SubmissionReplayed(first.result_url if first else "") from None
    if owner is not None:
        # The user's keys too old to matter any more (their tokens have
        # expired); per user, so that no two users' requests wait on each
        # other here.
        SubmissionToken.objects.filter(
            user=owner, created_at__lt=timezone.now() - KEEP
        ).delete()
    return submission


def submission_token_result(*, submission: SubmissionToken, url: str) -> None:
    """Remember where the recorded submission led, for its repeats."""
    submission.result_url = url[:500]
    submission.save(update_fields=["result_url"])


def submission_once(
    *,
    token: str,
    user,
    write: Callable[[], T],
    result_url: Callable[[T], str] | None = None,
) -> T:
    """Run ``write`` once per token: consume the token and write in one
    transaction, and remember ``result_url(result)``. Raise
    SubmissionReplayed (nothing written) for a repeat."""
    with transaction.atomic():
        submission = submission_token_consume(token=token, user=user)
        result = write()
        if result_url is not None:
            submission_token_result(submission=submission, url=result_url(result))
    return result


def submission_replayed_redirect(
    request: HttpRequest, replay: SubmissionReplayed, default
) -> HttpResponseRedirect:
    """Tell the user their repeat was not recorded again and send them where
    the first submission led (or to ``default``)."""
    from django.contrib import messages

    messages.info(
        request,
        _("This form was already sent; it was recorded once, not twice."),
    )
    return redirect_safe(request, replay.result_url, default)


class SubmissionTokenMixin:
    """Form mixin: a hidden one-time token, issued for ``user``.

    Set ``submission_purpose`` on the form class; pass ``user=`` when
    building the form. A missing, expired or forged token is a form error
    (the form is shown again with what was typed and a fresh token).
    """

    submission_purpose: str = ""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission_user = user
        self.fields[FIELD_NAME] = forms.CharField(
            widget=forms.HiddenInput, required=False
        )
        self.fields[FIELD_NAME].initial = submission_token_issue(
            user=user, purpose=self.submission_purpose
        )

    def submission_replayed(self) -> SubmissionReplayed | None:
        """Return SubmissionReplayed when this bound form's token was already
        used (checked before validation, which would otherwise answer a
        repeat with "already exists" errors), else None."""
        if not self.is_bound:
            return None
        try:
            payload = submission_token_read(
                token=self.data.get(self.add_prefix(FIELD_NAME)) or "",
                user=self.submission_user,
                purpose=self.submission_purpose,
            )
        except SubmissionTokenInvalid:
            return None
        first = SubmissionToken.objects.filter(key=payload["k"]).first()
        return SubmissionReplayed(first.result_url) if first else None

    @property
    def submission_token(self) -> str:
        """The validated token (after ``is_valid()``)."""
        return self.cleaned_data[FIELD_NAME]

    def clean(self):
        data = super().clean()
        try:
            submission_token_read(
                token=data.get(FIELD_NAME) or "",
                user=self.submission_user,
                purpose=self.submission_purpose,
            )
        except SubmissionTokenInvalid:
            # Shown again with a fresh token, so that sending it once more
            # after checking the form works.
            self.data = self.data.copy()
            self.data[self.add_prefix(FIELD_NAME)] = self.fields[FIELD_NAME].initial
            self.add_error(
                None,
                forms.ValidationError(
                    _("This form has expired. Check what you typed and send it again."),
                    code="submission_expired",
                ),
            )
        return data
