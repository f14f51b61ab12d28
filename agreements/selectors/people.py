"""How the register names people: by full name, never by a username that
someone outside the alliance's staff could read.

Staff see a colleague's full name, or the username when the account has no
name; a cooperative's users see the full name, or "Alliance staff" (a
reporter of their own cooperative: the cooperative's name, chosen by the
caller). Every page, e-mail and export of the register names people through
these two functions.
"""

from django.utils.translation import gettext


def person_name(*, user) -> str:
    """Return the user's full name, or their username when they have none
    ("" for no user): how staff see one another."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def person_name_for_cooperative(*, user) -> str:
    """Return the user's full name, or "Alliance staff" when they have none
    ("" for no user): how a cooperative's users see the alliance's staff,
    who never read a username."""
    if user is None:
        return ""
    return user.get_full_name().strip() or gettext("Alliance staff")


def person_label(user) -> str:
    """Return ``person_name`` for a form's choice of users
    (``ModelChoiceField.label_from_instance``)."""
    return person_name(user=user)
