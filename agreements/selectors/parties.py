"""The party look-up of the filters: the businesses and cooperatives a
user may look up, and matching what they type."""

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from marketplace.core.text import fold_vi

from ..models import Business
from .access import agreements_visible_to, user_is_agreements_staff, user_partner_ids

Partner = get_model("partner", "Partner")

#: How many matches the look-up answers with at most.
PARTY_LOOKUP_LIMIT = 20


def _folded(value: str) -> str:
    return fold_vi(value).casefold()


def businesses_visible_to(*, user) -> QuerySet:
    """Return the businesses a user may look up: all for staff, the parties
    to their own agreements for a cooperative's staff, none for anyone else."""
    if user_is_agreements_staff(user=user):
        return Business.objects.all()
    return Business.objects.filter(
        agreement_parties__agreement__in=agreements_visible_to(user=user)
    ).distinct()


def cooperatives_visible_to(*, user) -> QuerySet:
    """Return the cooperatives (Oscar partners) a user may look up: all for
    staff, their own and the other parties to their agreements for a
    cooperative's staff, none for anyone else."""
    if user_is_agreements_staff(user=user):
        return Partner.objects.all()
    partner_ids = user_partner_ids(user=user)
    if not partner_ids:
        return Partner.objects.none()
    return Partner.objects.filter(
        Q(pk__in=partner_ids)
        | Q(agreement_parties__agreement__in=agreements_visible_to(user=user))
    ).distinct()


def party_candidates(*, kind: str, user) -> list[tuple[int, str, str]]:
    """Return (id, name, tax code) of every business (``kind`` "business")
    or cooperative ("cooperative") the user may look up, by name.

    A cooperative is named and coded by its profile once it has one. Three
    columns of a few hundred rows: read whole and matched in Python, so the
    match ignores diacritics the same way on PostgreSQL and SQLite.
    """
    if kind == "business":
        rows = businesses_visible_to(user=user).values_list("pk", "name", "tax_code")
    else:
        rows = (
            cooperatives_visible_to(user=user)
            .annotate(
                shown_name=Coalesce("cooperative__name", "name"),
                shown_tax_code=Coalesce("cooperative__tax_code", Value("")),
            )
            .values_list("pk", "shown_name", "shown_tax_code")
        )
    return sorted(rows, key=lambda row: (_folded(row[1]), row[0]))


def party_search(
    *,
    candidates: list[tuple[int, str, str]],
    query: str,
    limit: int = PARTY_LOOKUP_LIMIT,
) -> list[tuple[int, str, str]]:
    """Return at most ``limit`` candidates whose name contains ``query``
    (diacritics and case ignored) or whose tax code starts with it; names
    that start with it first."""
    needle = _folded(" ".join(query.split()))
    if not needle:
        return []
    starts, contains = [], []
    for row in candidates:
        name = _folded(row[1])
        if name.startswith(needle) or (row[2] and row[2].startswith(needle)):
            starts.append(row)
        elif needle in name:
            contains.append(row)
        if len(starts) >= limit:
            break
    return (starts + contains)[:limit]


def party_resolve(
    *, candidates: list[tuple[int, str, str]], text: str, pk: int | None = None
) -> list[tuple[int, str, str]]:
    """Return the candidates that ``text`` (a name or tax code, as typed) or
    ``pk`` (a chosen id) designates: one when it is clear, several when the
    text is ambiguous, none when nothing matches.

    A chosen id wins unless the text was changed to name another party.
    The text is read as an exact tax code, then (digits alone) as the id
    of an older link, then an exact name (diacritics and case ignored),
    then a part of a name.
    """
    text = " ".join(text.split())
    needle = _folded(text)
    if pk is not None:
        chosen = [row for row in candidates if row[0] == pk]
        if chosen and (not needle or needle in (_folded(chosen[0][1]), chosen[0][2])):
            return chosen
    if not needle:
        return []
    for matches in (
        [row for row in candidates if row[2] and row[2] == text],
        [row for row in candidates if text.isdigit() and row[0] == int(text)],
        [row for row in candidates if _folded(row[1]) == needle],
        [row for row in candidates if needle in _folded(row[1])],
    ):
        if matches:
            return matches
    return []
