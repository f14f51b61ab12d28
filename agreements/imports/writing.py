"""The third step of the import: writing a checked plan through the
services; and the whole import in one call."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..models import Agreement, AgreementParty, Commitment
from ..services import AgreementDraft, PartyData, agreements_create
from .checking import CellError, ImportPlan, import_sheet_check


@dataclass
class ImportResult:
    """The outcome of ``import_agreements`` (check and write in one go)."""

    errors: list[CellError] = field(default_factory=list)
    agreements: int = 0
    commitments: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def import_plan_write(
    *,
    plan: ImportPlan,
    conference,
    user=None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Write a checked plan, all or nothing; return (agreements, lines).

    Each agreement of the plan becomes a draft (its cooperatives suppliers,
    its businesses buyers, the uploader in charge when they are agreements
    staff) written by ``services.agreements_create``, in one transaction.
    ``progress(rows written, rows)`` as it goes.
    """
    if not plan.ok:
        raise ValueError("A plan with errors is never written.")
    staff = (
        user
        if user is not None and user.has_perm("agreements.change_agreement")
        else None
    )
    return agreements_create(
        drafts=[
            _draft(number=number, head=head, conference=conference, staff=staff)
            for number, head in plan.agreements.items()
        ],
        user=user,
        progress=progress,
    )


def _draft(*, number: str, head: dict[str, Any], conference, staff) -> AgreementDraft:
    """Return one agreement of a checked plan as unsaved instances."""
    agreement = Agreement(
        number=number,
        conference=conference,
        signed_on=head["signed_on"],
        kind=head["kind"],
        valid_from=head["valid_from"],
        valid_until=head["valid_until"],
        staff_in_charge=staff,
    )
    return AgreementDraft(
        agreement=agreement,
        parties=[
            PartyData(role=AgreementParty.Role.SUPPLIER, partner=partner)
            for partner in head["partners"]
        ]
        + [
            PartyData(role=AgreementParty.Role.BUYER, business=business)
            for business in head["businesses"]
        ],
        commitments=[
            Commitment(
                partner=line["partner"],
                goods=line["goods"],
                unit=line["unit"],
                quantity=line["quantity"],
                value=line["value"],
                period_start=line["period_start"],
                period_end=line["period_end"],
            )
            for line in head["lines"]
        ],
    )


def import_agreements(*, conference, file, user=None, progress=None) -> ImportResult:
    """Check every row of ``file`` and import them all, or nothing.

    The two steps of an ``ImportJob`` in one call (the tests, the shell).
    """
    plan = import_sheet_check(file=file, progress=progress)
    result = ImportResult(errors=plan.errors, rows=plan.rows)
    if plan.ok:
        result.agreements, result.commitments = import_plan_write(
            plan=plan, conference=conference, user=user
        )
    return result
