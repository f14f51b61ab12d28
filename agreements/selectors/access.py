"""Who sees what of the register.

Who sees what (``user_partner_scope``, ``agreement_detail_for``). Alliance
staff see everything. An agreement may bind several cooperatives; each
cooperative's staff see what the agreement says and who signed it, and
otherwise only their own part of it:

- the agreement's terms, dates, status of cancellation, schedule, parties
  (names, roles, the businesses' contacts) and the signed document: all
  parties signed them, every party sees them;
- commitments: only the cooperative's own lines, each with its delivered,
  expected and pending figures;
- the agreement's figures (committed, delivered, expected, fulfilment %,
  pending count) and its status: computed over the cooperative's own lines
  only (in the list and on the agreement's page), because the agreement-wide
  totals would give away what the other cooperatives committed and
  delivered, and whether they are behind;
- delivery reports (values, evidence, notes, who reported): only those on
  the cooperative's own lines;
- difficulties: on an agreement where it is the only cooperative, all of
  them (they can only concern it); on a shared agreement, only those raised
  by its own users;
- follow-up outcomes (staff's notes on the whole agreement): only where it
  is the only cooperative;
- people: never a username of anyone else; a reporter is shown by full
  name, else as the cooperative (its own staff) or "Alliance staff"; the
  staff member in charge by full name, else "Alliance staff"; the change
  history only to staff (``selectors.people`` names everyone).

For an agreement with one cooperative, "its own lines" are all the lines,
so that cooperative sees the agreement's whole figures.

A business's staff (users of an APPROVED business, ``Business.users``) see
the agreements where their business is a party (``AgreementParty.business``)
and, on each, all of it that a sole cooperative would: every line with its
figures, every delivery report, every difficulty and the closed follow-ups.
A line names its cooperative but not its buyer: the business is the other
side of every line of its agreement, so "its own part" is the whole
agreement (``user_partner_scope`` is None for them, as for staff). They may
raise a difficulty, as cooperatives may; they never report deliveries (a
cooperative's act), never see the change history, staff-only pages or any
other agreement (404). A pending or rejected business's staff see nothing.
Someone who works both for a cooperative and for a business (rare) is read
as the cooperative: its part only.
"""

from django.db.models import Exists, OuterRef, QuerySet

from marketplace.core import roles

from ..models import Agreement, AgreementParty, Business, Commitment


def user_is_agreements_staff(*, user) -> bool:
    """Return True for alliance staff who run the register (and superusers)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("agreements.change_agreement"))
    )


def user_partner_ids(*, user) -> list[int]:
    """Return the ids of the cooperatives (Oscar partners) the user works for."""
    if not user.is_authenticated:
        return []
    return list(user.partners.values_list("pk", flat=True))


def user_business_ids(*, user) -> list[int]:
    """Return the ids of the approved businesses the user works for.

    Only for a user in the Business staff role: someone attached to a
    business without it has claimed a business already in the register and
    waits for a moderator to confirm that they work for it.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    if not user.has_perm(roles.MANAGE_OWN_BUSINESS):
        return []
    return list(
        Business.objects.approved().filter(users=user).values_list("pk", flat=True)
    )


def user_is_business_staff(*, user) -> bool:
    """Return True for a user who sees the register as a business's staff
    (an approved business's, and no cooperative's: module docstring)."""
    return (
        not user_is_agreements_staff(user=user)
        and not user_partner_ids(user=user)
        and bool(user_business_ids(user=user))
    )


def user_partner_scope(*, user) -> list[int] | None:
    """Return None when the user sees every cooperative's part of the
    agreements they see (alliance staff; a business's staff, on their own
    business's agreements), else the ids of the cooperatives whose part
    they see (their own; none for anyone else)."""
    if user_is_agreements_staff(user=user):
        return None
    partner_ids = user_partner_ids(user=user)
    if not partner_ids and user_business_ids(user=user):
        return None
    return partner_ids


def agreements_visible_to(*, user) -> QuerySet:
    """Return the agreements a user may see: all for staff, their own for a
    cooperative's or an approved business's staff, none for anyone else."""
    if user_is_agreements_staff(user=user):
        return Agreement.objects.all()
    partner_ids = user_partner_ids(user=user)
    business_ids = [] if partner_ids else user_business_ids(user=user)
    if business_ids:
        return Agreement.objects.filter(
            Exists(
                AgreementParty.objects.filter(
                    agreement=OuterRef("pk"), business__in=business_ids
                )
            )
        )
    if not partner_ids:
        return Agreement.objects.none()
    return Agreement.objects.filter(
        Exists(
            Commitment.objects.filter(agreement=OuterRef("pk"), partner__in=partner_ids)
        )
        | Exists(
            AgreementParty.objects.filter(
                agreement=OuterRef("pk"), partner__in=partner_ids
            )
        )
    )
