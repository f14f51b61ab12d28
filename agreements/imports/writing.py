"""The third step of the import: writing a checked plan through the
services; and the whole import in one call."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ..models import Agreement, AgreementParty, Commitment
from ..services import (
    AgreementDraft,
    PartyData,
    agreements_create,
    follow_ups_missed_count,
)
from .checking import CellError, ImportPlan, import_sheet_check


@dataclass
class ImportResult:
    """The outcome of ``import_agreements`` (check and write in one go)."""

    errors: list[CellError] = field(default_factory=list)
    agreements: int = 0
    commitments: int = 0
    rows: int = 0
    #: Follow-ups due before the import, recorded as missed.
    follow_ups_missed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def import_plan_write(
    *,
    plan: ImportPlan,
    conference,
    user=None,
    progress: Callable[[int, int], None] | None = None,
    today: datetime.date | None = None,
) -> tuple[int, int]:
    """Write a checked plan, all or nothing; return (agreements, lines).

    Each agreement of the plan becomes a draft (its cooperatives suppliers,
    its businesses buyers, the uploader in charge when they are agreements
    staff, each line on the catalogue product its goods name matched)
    written by ``services.agreements_create``, in one transaction; the
    follow-ups due before ``today`` are recorded as missed
    (``import_plan_missed`` says how many). ``progress(rows written, rows)``
    as it goes.
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
        missed_before=today or timezone.localdate(),
    )


def import_plan_missed(*, plan: ImportPlan, today: datetime.date | None = None) -> int:
    """Return how many follow-ups writing ``plan`` records as missed."""
    return follow_ups_missed_count(
        signed_on=[head["signed_on"] for head in plan.agreements.values()],
        before=today or timezone.localdate(),
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
                # A matched line is the product's, as if chosen in the form:
                # one row per product in the by-product figures.
                product_id=line.get("product_id"),
                goods="" if line.get("product_id") else line["goods"],
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
    today = timezone.localdate()
    plan = import_sheet_check(file=file, progress=progress)
    result = ImportResult(errors=plan.errors, rows=plan.rows)
    if plan.ok:
        result.agreements, result.commitments = import_plan_write(
            plan=plan, conference=conference, user=user, today=today
        )
        result.follow_ups_missed = import_plan_missed(plan=plan, today=today)
    return result
