"""The private files of the register: who may download which."""

from ..models import Agreement, DeliveryReport
from .access import agreements_visible_to, user_is_agreements_staff, user_partner_ids


def agreement_document_get(*, pk: int, user) -> Agreement:
    """Return the agreement whose signed document ``user`` may download.

    Agreements staff, and the staff of a cooperative party to the agreement;
    raise Http404 for anyone else and when there is no document.
    """
    from django.http import Http404

    agreement = (
        agreements_visible_to(user=user).exclude(document="").filter(pk=pk).first()
    )
    if agreement is None:
        raise Http404
    return agreement


def delivery_evidence_get(*, pk: int, user) -> DeliveryReport:
    """Return the delivery report whose evidence ``user`` may download.

    Agreements staff, the staff of the cooperative that made the delivery
    (the report's commitment's cooperative) -- not the other cooperatives of
    a multi-party agreement -- and the staff of a business party to it.
    Raise Http404 for anyone else and when there is no evidence.
    """
    from django.http import Http404

    reports = DeliveryReport.objects.exclude(evidence="")
    if not user_is_agreements_staff(user=user):
        partner_ids = user_partner_ids(user=user)
        if partner_ids:
            reports = reports.filter(commitment__partner__in=partner_ids)
        else:
            # A business's staff: the deliveries made to their business
            # (the agreements they see; none for anyone else).
            reports = reports.filter(
                commitment__agreement__in=agreements_visible_to(user=user).values("pk")
            )
    report = reports.filter(pk=pk).first()
    if report is None:
        raise Http404
    return report
