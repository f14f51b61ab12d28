"""Reads of business accounts: the moderators' queue, one business under
review, a user's own businesses and a business's logins.

A claim is a user attached to a business without the Business staff role
(services/accounts.py): they wait for a moderator.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from agreements.models import Business, BusinessStatus
from marketplace.core import roles

User = get_user_model()
Membership = Business.users.through


def _in_role() -> Exists:
    """True for a user in the Business staff group (an ``Exists`` on the
    user's groups, so that lists stay one query)."""
    return Exists(
        User.groups.through.objects.filter(
            user=OuterRef("pk"), group__name=roles.BUSINESS_STAFF
        )
    )


def claims_pending() -> QuerySet:
    """Return the claims waiting for a moderator, oldest business first
    (memberships with ``business`` and ``user``)."""
    waiting = User.objects.filter(pk=OuterRef("user_id")).filter(~_in_role())
    return (
        Membership.objects.filter(Exists(waiting))
        .select_related("business", "user")
        .order_by("business__name", "pk")
    )


def business_moderation_queue() -> dict:
    """Return the businesses waiting for approval (``businesses``, with
    their users) and the claims waiting (``claims``)."""
    businesses = (
        Business.objects.filter(status=BusinessStatus.PENDING)
        .prefetch_related("users")
        .order_by("created_at", "pk")
    )
    return {"businesses": businesses, "claims": claims_pending()}


def business_for_review(*, pk: int) -> dict:
    """Return one business for a moderator: ``business``, its confirmed
    ``staff`` and the ``claimants`` waiting; raise Http404 when there is none."""
    from django.shortcuts import get_object_or_404

    business = get_object_or_404(Business, pk=pk)
    users = list(
        business.users.annotate(in_role=_in_role()).order_by("first_name", "pk")
    )
    return {
        "business": business,
        "staff": [u for u in users if u.in_role],
        "claimants": [u for u in users if not u.in_role],
    }


def businesses_of(*, user) -> list[Business]:
    """Return the businesses ``user`` is attached to (any status), each with
    ``confirmed``: False while the user's claim waits for a moderator."""
    confirmed = user.groups.filter(name=roles.BUSINESS_STAFF).exists()
    businesses = list(Business.objects.for_user(user).order_by("name"))
    for business in businesses:
        business.confirmed = confirmed
    return businesses


def business_logins(*, business: Business) -> QuerySet:
    """Return a business's users, with ``in_role`` (False: a claim)."""
    return business.users.annotate(in_role=_in_role()).order_by("first_name", "pk")
