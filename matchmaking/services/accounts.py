"""Writes of business accounts: self-registration, moderation, logins.

A business that registers itself is created pending, with its first user in
``Business.users`` and in the Business staff role; a moderator approves or
rejects it. When the tax code typed is already in the register (a business
the alliance's staff added, with its agreements), no second row is made:
the user is attached to that business WITHOUT the Business staff role. That
is a claim: the register lets in only users who hold the role
(``agreements.selectors.access.user_business_ids``), so the claimant sees
nothing of the business until a moderator confirms the claim (gives the
role) or refuses it (detaches the user). Staff may also give a register
business a login at once (``business_login_add``).
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from agreements.models import Business, BusinessStatus
from agreements.reminders import absolute_url
from agreements.validators import tax_code_variants
from marketplace.core import roles

User = get_user_model()


def _notify(*, to: list[str], subject: str, body: str) -> None:
    for address in sorted({a for a in to if a}):
        send_mail(" ".join(subject.split()), body, None, [address])


def _business_staff_group() -> Group:
    return Group.objects.get(name=roles.BUSINESS_STAFF)


def _username_for(email: str) -> str:
    base = email.lower()[:140]
    username = base
    while User.objects.filter(username=username).exists():
        username = f"{base}-{secrets.token_hex(2)}"
    return username


def user_holds_business_role(*, user) -> bool:
    """Return True when ``user`` is in the Business staff role (a group of
    their own, not the superuser's every permission)."""
    return user.groups.filter(name=roles.BUSINESS_STAFF).exists()


def _moderators_tell(*, business: Business, claim: bool) -> None:
    moderators = roles.users_with_permission(perm=roles.MODERATE_BUSINESS)
    url = absolute_url(
        reverse("matchmaking:business-moderation-detail", args=[business.pk])
    )
    if claim:
        subject = _("Someone says they work for %(name)s") % {"name": business.name}
    else:
        subject = _("A business registered: %(name)s") % {"name": business.name}
    body = _("Check it and decide: %(url)s") % {"url": url}
    _notify(to=[u.email for u in moderators], subject=subject, body=body)


@transaction.atomic
def business_register(
    *,
    business_data: dict,
    user=None,
    full_name: str = "",
    email: str = "",
    password: str = "",
) -> tuple[Business, bool]:
    """Register a business for ``user`` (or for a new user made from
    ``full_name``, ``email`` and ``password``); return it and whether it was
    a claim of a business already in the register (module docstring).
    Moderators are e-mailed once the transaction commits."""
    if user is not None and user_holds_business_role(user=user):
        raise ValidationError(
            _(
                "You already work for a business. Ask the alliance's staff to add "
                "you to another one."
            )
        )
    tax_code = business_data["tax_code"]
    existing = (
        Business.objects.select_for_update()
        .filter(tax_code__in=tax_code_variants(tax_code))
        .first()
    )
    if user is None:
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                {"login_email": _("An account with this e-mail already exists.")}
            )
        user = User.objects.create_user(
            username=_username_for(email),
            email=email.lower(),
            password=password,
            first_name=full_name,
        )
    if existing is not None:
        existing.users.add(user)
        transaction.on_commit(lambda: _moderators_tell(business=existing, claim=True))
        return existing, True
    business = Business.objects.create(**business_data, status=BusinessStatus.PENDING)
    business.users.add(user)
    user.groups.add(_business_staff_group())
    transaction.on_commit(lambda: _moderators_tell(business=business, claim=False))
    return business, False


@transaction.atomic
def business_review(*, business: Business, approve: bool, reason: str = "") -> Business:
    """Approve or reject a business that registered itself, and tell its
    users either way."""
    if approve:
        business.status = BusinessStatus.APPROVED
        business.rejection_reason = ""
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the rejection.")})
        business.status = BusinessStatus.REJECTED
        business.rejection_reason = reason.strip()
    business.save(update_fields=["status", "rejection_reason"])
    if approve:
        subject = _("Your business is approved")
        body = _(
            "%(name)s is approved on HTX Connect: log in to see its agreements "
            "and the trade-connection conferences. %(url)s"
        ) % {
            "name": business.name,
            "url": absolute_url(reverse("matchmaking:business-home")),
        }
    else:
        subject = _("Your business registration was not approved")
        body = _("%(name)s was not approved. Reason: %(reason)s") % {
            "name": business.name,
            "reason": business.rejection_reason,
        }
    recipients = [u.email for u in business.users.all()] + [business.email]
    transaction.on_commit(lambda: _notify(to=recipients, subject=subject, body=body))
    return business


@transaction.atomic
def business_claim_review(
    *, business: Business, user, approve: bool, reason: str = ""
) -> None:
    """Confirm (give the Business staff role) or refuse (detach the user)
    a claim to work for a business in the register, and tell the user."""
    if not business.users.filter(pk=user.pk).exists() or user_holds_business_role(
        user=user
    ):
        raise ValidationError(_("This request was already decided."))
    if approve:
        user.groups.add(_business_staff_group())
        subject = _("You can now act for %(name)s") % {"name": business.name}
        body = _(
            "The alliance confirmed that you work for %(name)s: log in to see its "
            "agreements. %(url)s"
        ) % {
            "name": business.name,
            "url": absolute_url(reverse("matchmaking:business-home")),
        }
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the rejection.")})
        business.users.remove(user)
        subject = _("Your request to act for %(name)s was not accepted") % {
            "name": business.name
        }
        body = _("Reason: %(reason)s") % {"reason": reason.strip()}
    transaction.on_commit(lambda: _notify(to=[user.email], subject=subject, body=body))


@transaction.atomic
def business_login_add(*, business: Business, full_name: str, email: str):
    """Give a register business a login: the user with ``email`` (made when
    there is none) joins its staff in the Business staff role and is
    e-mailed a link to set a password (or to log in, when they have one).
    The business row, and so its agreements, stays as it is."""
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        user = User.objects.create_user(
            username=_username_for(email), email=email.lower(), first_name=full_name
        )
    elif business.users.filter(pk=user.pk).exists() and user_holds_business_role(
        user=user
    ):
        raise ValidationError(
            {"email": _("This person already has a login for this business.")}
        )
    business.users.add(user)
    user.groups.add(_business_staff_group())
    if user.has_usable_password():
        link = absolute_url(reverse("customer:login"))
        body = _(
            "You can now act for %(name)s on HTX Connect: log in with this e-mail "
            "address. %(url)s"
        )
    else:
        link = absolute_url(
            reverse(
                "password-reset-confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        )
        body = _(
            "You can now act for %(name)s on HTX Connect. Choose your password "
            "here, then log in with this e-mail address: %(url)s"
        )
    subject = _("Your login for %(name)s") % {"name": business.name}
    message = body % {"name": business.name, "url": link}
    transaction.on_commit(
        lambda: _notify(to=[user.email], subject=subject, body=message)
    )
    return user
