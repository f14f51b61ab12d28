"""Who acts in a conference's matchmaking, and as whom.

Agreements staff (``roles.RUN_MATCHMAKING``) and superusers run every
conference and see everything. A cooperative's staff act for their
cooperative (an Oscar partner they belong to), a business's staff for their
approved business; in a conference each acts as that organisation's
``Participant``. Anyone else sees none of it.
"""

from django.db.models import Q

from agreements.selectors.access import user_business_ids
from marketplace.core import roles

from ..models import Event, Participant


def user_runs_matchmaking(*, user) -> bool:
    """Return True for the staff who run conferences (and superusers)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(roles.RUN_MATCHMAKING))
    )


def user_organisations(*, user) -> tuple[list[int], list[int]]:
    """Return the ids of the cooperatives (partners) and of the approved
    businesses the user acts for (``agreements.selectors.access``)."""
    if not user.is_authenticated or not user.is_active:
        return [], []
    partner_ids = list(user.partners.values_list("pk", flat=True))
    # Approved businesses, and only for the Business staff role: someone who
    # claimed a business already in the register waits for a moderator.
    return partner_ids, user_business_ids(user=user)


def user_can_take_part(*, user) -> bool:
    """Return True when the user acts for a cooperative or an approved business."""
    partner_ids, business_ids = user_organisations(user=user)
    return bool(partner_ids or business_ids)


def participant_of(*, user, event: Event) -> Participant | None:
    """Return the user's organisation's participant in ``event`` (any
    approval status), or None."""
    partner_ids, business_ids = user_organisations(user=user)
    if not partner_ids and not business_ids:
        return None
    return (
        Participant.objects.filter(event=event)
        .filter(Q(partner__in=partner_ids) | Q(business__in=business_ids))
        .order_by("pk")
        .first()
    )
