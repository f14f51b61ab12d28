"""One-time form tokens for tests that post a form without rendering it."""

from marketplace.submissions import FIELD_NAME, submission_token_issue


def submission_data(*, user, form_class) -> dict[str, str]:
    """Return the hidden token field a rendered ``form_class`` would carry
    for ``user``, to merge into the posted data."""
    return {
        FIELD_NAME: submission_token_issue(
            user=user, purpose=form_class.submission_purpose
        )
    }
