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
"""

from django.db.models import Exists, OuterRef, QuerySet

from ..models import Agreement, AgreementParty, Commitment


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


def user_partner_scope(*, user) -> list[int] | None:
    """Return None when the user sees every cooperative's part of the
    agreements (alliance staff), else the ids of the cooperatives whose part
    they see (their own; none for anyone else)."""
    if user_is_agreements_staff(user=user):
        return None
    return user_partner_ids(user=user)


def agreements_visible_to(*, user) -> QuerySet:
    """Return the agreements a user may see: all for staff, their own for a
    cooperative's staff, none for anyone else."""
    if user_is_agreements_staff(user=user):
        return Agreement.objects.all()
    partner_ids = user_partner_ids(user=user)
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
