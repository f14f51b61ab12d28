"""Writes to the agreements register: every business rule lives here.

Every writer goes through these functions: the forms' views, the Excel
import (``agreements_create``), the demo and the benchmark. A bulk write of
delivery reports sends no signal, so it goes through
``delivery_reports_bulk_create`` (and friends), which refresh the cache of
the lines it touches; models and querysets call no service.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import (
    DecimalField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .models import (
    Agreement,
    AgreementParty,
    Business,
    Commitment,
    Conference,
    DeliveryMonth,
    DeliveryReport,
    Difficulty,
    FollowUp,
    Milestone,
)
from .selectors.access import (
    agreements_visible_to,
    user_is_agreements_staff,
    user_partner_ids,
)
from .selectors.conferences import conference_slug_free
from .selectors.follow_ups import commitment_delivered

#: Check-ins created after signing: kind -> months.
FOLLOW_UP_MONTHS = {
    FollowUp.Kind.MONTH_1: 1,
    FollowUp.Kind.MONTH_3: 3,
    FollowUp.Kind.MONTH_6: 6,
}


@dataclass
class PartyData:
    """One side of an agreement to save: a cooperative or a business."""

    role: str
    partner: Any = None
    business: Business | None = None


@dataclass
class AgreementDraft:
    """A new agreement with its parties and lines (unsaved instances), as
    ``agreements_create`` writes it."""

    agreement: Agreement
    parties: list[PartyData]
    commitments: list[Commitment]


def agreement_parties_validate(*, parties: list[PartyData]) -> None:
    """Refuse an agreement without a cooperative or without a business."""
    if not any(p.partner is not None for p in parties):
        raise ValidationError(
            _("An agreement needs at least one cooperative."), code="no_cooperative"
        )
    if not any(p.business is not None for p in parties):
        raise ValidationError(
            _("An agreement needs at least one business."), code="no_business"
        )


def commitment_validate(*, commitment: Commitment, agreement: Agreement) -> None:
    """Check a line against its agreement (the field rules are the model's)."""
    commitment.clean()
    errors: dict[str, str] = {}
    if commitment.quantity is not None and commitment.quantity <= 0:
        errors["quantity"] = _("The quantity must be greater than zero.")
    if commitment.value is not None and commitment.value <= 0:
        errors["value"] = _("The value must be greater than zero.")
    if errors:
        raise ValidationError(errors)


def _follow_ups_after_signing(*, agreement: Agreement) -> list[FollowUp]:
    """Return the check-ins after signing (unsaved): 1, 3 and 6 months."""
    return [
        FollowUp(
            agreement=agreement,
            kind=kind,
            due_on=agreement.signed_on + relativedelta(months=months),
        )
        for kind, months in FOLLOW_UP_MONTHS.items()
    ]


def follow_ups_schedule(*, agreement: Agreement) -> int:
    """Create the agreement's check-ins that do not exist yet (idempotent).

    One at 1, 3 and 6 months after signing and one at each milestone.
    Returns how many were created.
    """
    created = 0
    for follow_up in _follow_ups_after_signing(agreement=agreement):
        _obj, new = FollowUp.objects.get_or_create(
            agreement=agreement,
            kind=follow_up.kind,
            milestone=None,
            defaults={"due_on": follow_up.due_on},
        )
        created += new
    for milestone in agreement.milestones.all():
        _obj, new = FollowUp.objects.update_or_create(
            agreement=agreement,
            milestone=milestone,
            defaults={"kind": FollowUp.Kind.MILESTONE, "due_on": milestone.due_on},
        )
        created += new
    return created


#: Lines refreshed per UPDATE statement (SQLite caps the parameters).
REFRESH_CHUNK = 2000


@transaction.atomic
def commitment_deliveries_refresh(*, commitment_ids) -> int:
    """Recompute the cache of verified deliveries (quantity, value, latest
    date) of the given lines from their reports, in one UPDATE per chunk.

    The only writer of ``Commitment.verified_*``: called whenever reports are
    saved, deleted or bulk-created (``signals.py``, the report queryset) and
    when a line itself is saved, so the cache never drifts from the reports.
    Return the number of lines refreshed.
    """
    ids = sorted({pk for pk in commitment_ids if pk is not None})
    reports = (
        DeliveryReport.objects.filter(
            commitment=OuterRef("pk"), verified_at__isnull=False
        )
        .order_by()
        .values("commitment")
    )
    qty = DecimalField(max_digits=16, decimal_places=2)
    refreshed = 0
    for start in range(0, len(ids), REFRESH_CHUNK):
        refreshed += Commitment.objects.filter(
            pk__in=ids[start : start + REFRESH_CHUNK]
        ).update(
            verified_quantity=Coalesce(
                Subquery(reports.annotate(t=Sum("quantity")).values("t")),
                Value(Decimal(0)),
                output_field=qty,
            ),
            verified_value=Coalesce(
                Subquery(reports.annotate(t=Sum("value")).values("t")), Value(0)
            ),
            verified_until=Subquery(
                reports.annotate(t=Max("delivered_on")).values("t")
            ),
        )
    if ids:
        delivery_months_refresh(
            conference_ids=Agreement.objects.filter(commitments__in=ids)
            .values_list("conference_id", flat=True)
            .distinct()
        )
    return refreshed


@transaction.atomic
def delivery_months_refresh(*, conference_ids) -> int:
    """Recompute the verified delivered value per month of the agreements
    (not cancelled) of the given conferences (None: the agreements signed
    outside a conference), which the dashboard's month chart reads.

    The only writer of ``DeliveryMonth``: called with the lines' caches
    (every report write) and when an agreement is cancelled, reinstated or
    moved to another conference. Return the number of months written.
    """
    keys = set(conference_ids)
    if not keys:
        return 0
    if connection.vendor == "postgresql":
        # Two writers of the same conference must not both delete, then
        # both insert: one waits for the other.
        with connection.cursor() as cursor:
            for key in sorted(pk or 0 for pk in keys):
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(hashtext('agreements_month'), %s)",
                    [key],
                )
    scope = Q(conference__in=[pk for pk in keys if pk is not None])
    if None in keys:
        scope |= Q(conference__isnull=True)
    DeliveryMonth.objects.filter(scope).delete()
    report_scope = Q(
        commitment__agreement__conference__in=[pk for pk in keys if pk is not None]
    )
    if None in keys:
        report_scope |= Q(commitment__agreement__conference__isnull=True)
    rows = (
        DeliveryReport.objects.filter(
            report_scope,
            verified_at__isnull=False,
            commitment__agreement__cancelled=False,
        )
        .annotate(month=TruncMonth("delivered_on"))
        .order_by()
        .values("commitment__agreement__conference", "month")
        .annotate(total=Sum("value"))
    )
    created = DeliveryMonth.objects.bulk_create(
        [
            DeliveryMonth(
                conference_id=row["commitment__agreement__conference"],
                month=row["month"],
                value=row["total"],
            )
            for row in rows
        ]
    )
    return len(created)


def _agreement_parts_validate(
    *, parties: list[PartyData], commitments: list[Commitment]
) -> None:
    """Check an agreement's parties and lines together: a cooperative and a
    business, at least one line, and each line's cooperative a party (the
    only cooperative when a line names none)."""
    agreement_parties_validate(parties=parties)
    if not commitments:
        raise ValidationError(
            _("An agreement needs at least one commitment."), code="no_commitment"
        )
    partner_ids = {p.partner.pk for p in parties if p.partner is not None}
    for line in commitments:
        if line.partner_id is None and len(partner_ids) == 1:
            line.partner_id = next(iter(partner_ids))
        if line.partner_id not in partner_ids:
            raise ValidationError(
                {
                    "partner": _(
                        "The cooperative of a line must be a party to the agreement."
                    )
                }
            )


@transaction.atomic
def agreement_save(
    *,
    agreement: Agreement,
    parties: list[PartyData],
    commitments: list[Commitment],
    milestones: list[Milestone] | None = None,
    deleted_commitments: list[Commitment] | None = None,
) -> Agreement:
    """Create or update an agreement with its parties, lines and schedule.

    Parties are replaced; commitments are saved (and those listed in
    ``deleted_commitments`` removed); milestones, when given, replace the
    schedule. Follow-ups are (re)scheduled.
    """
    agreement.full_clean()
    _agreement_parts_validate(parties=parties, commitments=commitments)
    agreement.save()
    agreement.parties.all().delete()
    AgreementParty.objects.bulk_create(
        [
            AgreementParty(
                agreement=agreement,
                partner=p.partner,
                business=p.business,
                role=p.role,
            )
            for p in parties
        ]
    )
    for line in deleted_commitments or []:
        if line.pk and line.agreement_id == agreement.pk:
            line.delete()
    for line in commitments:
        line.agreement = agreement
        commitment_validate(commitment=line, agreement=agreement)
        line.save()
    if milestones is not None:
        keep = []
        for milestone in milestones:
            milestone.agreement = agreement
            milestone.full_clean(exclude=["agreement"])
            milestone.save()
            keep.append(milestone.pk)
        agreement.milestones.exclude(pk__in=keep).delete()
    # A draft is followed up once it is signed (``drafts.agreement_sign``).
    if not agreement.is_draft:
        follow_ups_schedule(agreement=agreement)
    return agreement


#: Agreements written per bulk insert by ``agreements_create``.
CREATE_CHUNK = 500


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def agreements_create(
    *,
    drafts: list[AgreementDraft],
    user=None,
    progress: Callable[[int, int], None] | None = None,
    missed_before: datetime.date | None = None,
) -> tuple[int, int]:
    """Create many new agreements with their parties and lines, all or
    nothing; return (agreements, lines). The Excel import's writer.

    The rules of ``agreement_save`` that need no query are checked for
    every draft first (the agreement's and each line's ``clean()``, the
    parties and lines together); the rules that do (a unique number, the
    rows referred to) are the caller's, checked for the whole batch at
    once. Then bulk inserts, ``CREATE_CHUNK`` agreements at a time, with
    their history rows (by ``user``), and the follow-ups after signing
    (``follow_ups_schedule``'s; new agreements have no schedule yet); with
    ``missed_before``, those due before that day are created closed as
    missed (``follow_ups_mark_missed``). ``progress(lines written, lines)``
    after each chunk.
    """
    for draft in drafts:
        draft.agreement.clean()
        _agreement_parts_validate(parties=draft.parties, commitments=draft.commitments)
        for line in draft.commitments:
            commitment_validate(commitment=line, agreement=draft.agreement)
    history_user = user if user is not None and user.is_authenticated else None
    total = sum(len(draft.commitments) for draft in drafts)
    agreements_count = lines_count = 0
    for chunk in _chunks(drafts, CREATE_CHUNK):
        agreements = bulk_create_with_history(
            [draft.agreement for draft in chunk], Agreement, default_user=history_user
        )
        if any(agreement.pk is None for agreement in agreements):
            # Databases that return no ids from a bulk insert.
            by_number = Agreement.objects.in_bulk(
                [agreement.number for agreement in agreements], field_name="number"
            )
            agreements = [by_number[agreement.number] for agreement in agreements]
        parties: list[AgreementParty] = []
        lines: list[Commitment] = []
        follow_ups: list[FollowUp] = []
        for draft, agreement in zip(chunk, agreements, strict=True):
            parties += [
                AgreementParty(
                    agreement=agreement,
                    partner=party.partner,
                    business=party.business,
                    role=party.role,
                )
                for party in draft.parties
            ]
            for line in draft.commitments:
                line.agreement = agreement
                lines.append(line)
            follow_ups += _follow_ups_after_signing(agreement=agreement)
        if missed_before is not None:
            follow_ups_mark_missed(
                follow_ups=follow_ups, before=missed_before, user=history_user
            )
        bulk_create_with_history(parties, AgreementParty, default_user=history_user)
        bulk_create_with_history(lines, Commitment, default_user=history_user)
        bulk_create_with_history(follow_ups, FollowUp, default_user=history_user)
        agreements_count += len(chunk)
        lines_count += len(lines)
        if progress is not None:
            progress(lines_count, total)
    return agreements_count, lines_count


@transaction.atomic
def agreement_cancel(*, agreement: Agreement, reason: str, user=None) -> Agreement:
    """Cancel an agreement. The reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for cancelling.")}, code="no_reason"
        )
    agreement.cancelled = True
    agreement.cancel_reason = reason
    agreement._change_reason = reason
    agreement.save(update_fields=["cancelled", "cancel_reason"])
    return agreement


@transaction.atomic
def agreement_reinstate(*, agreement: Agreement) -> Agreement:
    """Undo a cancellation (the reason stays in the history)."""
    agreement.cancelled = False
    agreement.cancel_reason = ""
    agreement.save(update_fields=["cancelled", "cancel_reason"])
    return agreement


def _can_report_on(*, user, commitment: Commitment) -> bool:
    if user_is_agreements_staff(user=user):
        return True
    return commitment.partner_id in user_partner_ids(user=user)


def delivery_report_validate(
    *,
    commitment: Commitment,
    delivered_on: datetime.date | None,
    quantity: Decimal | None,
    value: int | None,
    unit: str,
    today: datetime.date | None = None,
) -> None:
    """Raise ValidationError (keyed by field) for a report that cannot be."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    agreement = commitment.agreement
    if agreement.cancelled:
        raise ValidationError(
            _("This agreement is cancelled; no delivery can be reported.")
        )
    if delivered_on is not None:
        if delivered_on < agreement.signed_on:
            errors["delivered_on"] = _(
                "The delivery date is before the agreement was signed (%(date)s)."
            ) % {"date": agreement.signed_on.strftime("%d/%m/%Y")}
        elif delivered_on > today:
            errors["delivered_on"] = _("The delivery date is in the future.")
    if quantity is not None and quantity <= 0:
        errors["quantity"] = _("The quantity must be greater than zero.")
    if value is not None and value <= 0:
        errors["value"] = _("The value must be greater than zero.")
    if unit and unit.strip().lower() != commitment.unit.strip().lower():
        errors["unit"] = _("The unit must be the commitment's unit (%(unit)s).") % {
            "unit": commitment.unit
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def delivery_report_record(
    *,
    commitment: Commitment,
    user,
    delivered_on: datetime.date,
    quantity: Decimal,
    value: int,
    unit: str | None = None,
    evidence=None,
    note: str = "",
    today: datetime.date | None = None,
) -> DeliveryReport:
    """Record a delivery against a commitment.

    Staff reports are verified at once; a cooperative's report is pending
    until staff verify it. A report that takes the commitment past 100 %
    (by quantity or value) is accepted and flagged ``over_commitment``.
    """
    if not _can_report_on(user=user, commitment=commitment):
        raise PermissionDenied
    unit = unit or commitment.unit
    delivery_report_validate(
        commitment=commitment,
        delivered_on=delivered_on,
        quantity=quantity,
        value=value,
        unit=unit,
        today=today,
    )
    report = DeliveryReport(
        commitment=commitment,
        delivered_on=delivered_on,
        quantity=quantity,
        value=value,
        unit=commitment.unit,
        note=note,
        reported_by=user,
    )
    if evidence:
        report.evidence = evidence
    if user_is_agreements_staff(user=user):
        report.verified_by = user
        report.verified_at = timezone.now()
    report.over_commitment = _over_commitment(commitment=commitment, report=report)
    report.save()
    return report


def _over_commitment(*, commitment: Commitment, report: DeliveryReport) -> bool:
    """Return True when verified deliveries plus this report pass 100 %."""
    delivered = commitment_delivered(commitment=commitment)
    return (
        delivered["quantity"] + report.quantity > commitment.quantity
        or delivered["value"] + report.value > commitment.value
    )


@transaction.atomic
def delivery_reports_bulk_create(
    *, reports: list[DeliveryReport], batch_size: int | None = None
) -> list[DeliveryReport]:
    """Insert reports in bulk (no signal is sent) and refresh the cache of
    the lines they are on (the demo, the benchmark, data loads)."""
    created = DeliveryReport.objects.bulk_create(reports, batch_size=batch_size)
    commitment_deliveries_refresh(
        commitment_ids={report.commitment_id for report in created}
    )
    return created


@transaction.atomic
def delivery_reports_bulk_update(
    *, reports: list[DeliveryReport], fields: list[str]
) -> int:
    """Update the given fields of reports in bulk and refresh the cache of
    the lines they were and are on."""
    reports = list(reports)
    before = set(
        DeliveryReport.objects.filter(pk__in=[r.pk for r in reports]).values_list(
            "commitment_id", flat=True
        )
    )
    updated = DeliveryReport.objects.bulk_update(reports, fields)
    commitment_deliveries_refresh(
        commitment_ids=before | {report.commitment_id for report in reports}
    )
    return updated


@transaction.atomic
def delivery_reports_update(*, reports: QuerySet, **fields: Any) -> int:
    """Update a queryset of reports in one statement and refresh the cache
    of the lines they were and are on."""
    commitment_ids = set(reports.values_list("commitment_id", flat=True))
    updated = reports.update(**fields)
    target = fields.get("commitment", fields.get("commitment_id"))
    if target is not None:
        commitment_ids.add(getattr(target, "pk", target))
    commitment_deliveries_refresh(commitment_ids=commitment_ids)
    return updated


@transaction.atomic
def delivery_report_verify(*, report: DeliveryReport, user) -> DeliveryReport:
    """Verify a cooperative's pending report (alliance staff only)."""
    if not user_is_agreements_staff(user=user):
        raise PermissionDenied
    if report.verified_at is not None:
        raise ValidationError(_("This report is already verified."))
    report.over_commitment = _over_commitment(
        commitment=report.commitment, report=report
    )
    report.verified_by = user
    report.verified_at = timezone.now()
    report.save(update_fields=["verified_by", "verified_at", "over_commitment"])
    return report


@transaction.atomic
def delivery_report_reject(*, report: DeliveryReport, user, reason: str) -> None:
    """Refuse a pending report: it is deleted; the history keeps it."""
    if not user_is_agreements_staff(user=user):
        raise PermissionDenied
    if report.verified_at is not None:
        raise ValidationError(_("A verified report cannot be rejected."))
    report._change_reason = reason
    report.delete()


@transaction.atomic
def difficulty_raise(
    *,
    agreement: Agreement,
    user,
    kind: str,
    description: str,
    agency: str = "",
    deadline: datetime.date | None = None,
    assignee=None,
    today: datetime.date | None = None,
) -> Difficulty:
    """Log a difficulty on an agreement."""
    difficulty = Difficulty(
        agreement=agreement,
        kind=kind,
        description=description,
        agency=agency,
        deadline=deadline,
        assignee=assignee,
        raised_by=user,
        raised_on=today or timezone.localdate(),
    )
    difficulty.full_clean()
    difficulty.save()
    return difficulty


@transaction.atomic
def difficulty_raise_by_cooperative(
    *,
    agreement: Agreement,
    user,
    kind: str,
    description: str,
    today: datetime.date | None = None,
) -> Difficulty:
    """Log a difficulty that a cooperative's user raises on one of its own
    agreements, and tell the staff (``difficulty_raised_notify``) once it
    is saved. PermissionDenied for an agreement the user may not see."""
    if not agreements_visible_to(user=user).filter(pk=agreement.pk).exists():
        raise PermissionDenied
    difficulty = difficulty_raise(
        agreement=agreement,
        user=user,
        kind=kind,
        description=description,
        today=today,
    )
    transaction.on_commit(lambda: difficulty_raised_notify(difficulty=difficulty))
    return difficulty


def difficulty_raised_notify(*, difficulty: Difficulty) -> int:
    """E-mail the staff member in charge of the difficulty's agreement (else
    every member of the agreements staff) a link to the agreement, one
    message per address, in the site's language; return how many were sent."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string
    from django.utils import translation

    from .reminders import absolute_url, staff_to_notify
    from .selectors.people import person_name

    agreement = difficulty.agreement
    # The same rule as the reminders: the person in charge, else the staff.
    recipients = staff_to_notify(people=[agreement.staff_in_charge])
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Difficulty raised on agreement %(number)s") % {
            "number": agreement.number
        }
        body = render_to_string(
            "agreements/email/difficulty_raised.txt",
            {
                "difficulty": difficulty,
                "agreement": agreement,
                "raised_by": person_name(user=difficulty.raised_by),
                "url": absolute_url(agreement.get_absolute_url()),
            },
        )
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in recipients
    ]
    return get_connection().send_messages(messages) or 0


@transaction.atomic
def difficulty_update(
    *, difficulty: Difficulty, today: datetime.date | None = None, **fields: Any
) -> Difficulty:
    """Change a difficulty (status, assignee, agency, deadline, resolution).

    Resolving needs a resolution; it stamps ``resolved_on``.
    """
    for name, value in fields.items():
        setattr(difficulty, name, value)
    if difficulty.status == Difficulty.Status.RESOLVED:
        if not difficulty.resolution.strip():
            raise ValidationError(
                {"resolution": _("Describe how the difficulty was resolved.")}
            )
        difficulty.resolved_on = difficulty.resolved_on or today or timezone.localdate()
    else:
        difficulty.resolved_on = None
    difficulty.full_clean()
    difficulty.save()
    return difficulty


@transaction.atomic
def follow_up_close(
    *, follow_up: FollowUp, user, outcome: str, today: datetime.date | None = None
) -> FollowUp:
    """Close a check-in with a short outcome."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Write the outcome of the check-in.")})
    follow_up.outcome = outcome
    follow_up.closed_on = today or timezone.localdate()
    follow_up.closed_by = user
    follow_up.save()
    return follow_up


def conference_save(*, conference: Conference) -> Conference:
    """Save a conference; one saved without a slug gets one from its name
    (``conference_slug_free``)."""
    if not conference.slug:
        conference.slug = conference_slug_free(name=conference.name, pk=conference.pk)
    conference.full_clean()
    conference.save()
    return conference


def business_save(*, business: Business) -> Business:
    business.full_clean()
    business.save()
    return business


def follow_ups_mark_missed(
    *, follow_ups: list[FollowUp], before: datetime.date, user=None
) -> int:
    """Close, as missed, the (unsaved) follow-ups due before ``before``;
    return how many.

    For agreements recorded after the fact (a backdated import): their
    check-ins before that day can no longer be held, and left open they
    would flood the overdue list. The outcome says so, in the site's
    language (it is stored text, read by everyone).
    """
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        outcome = _(
            "Missed: the date had passed when the agreement was recorded "
            "(imported on %(date)s)."
        ) % {"date": before.strftime("%d/%m/%Y")}
    missed = 0
    for follow_up in follow_ups:
        if follow_up.closed_on is None and follow_up.due_on < before:
            follow_up.closed_on = before
            follow_up.closed_by = user
            follow_up.outcome = outcome
            missed += 1
    return missed


def follow_ups_missed_count(
    *, signed_on: list[datetime.date], before: datetime.date
) -> int:
    """Return how many follow-ups ``agreements_create`` records as missed,
    with ``missed_before=before``, for new agreements signed on these days."""
    return sum(
        follow_up.due_on < before
        for day in signed_on
        for follow_up in _follow_ups_after_signing(agreement=Agreement(signed_on=day))
    )
