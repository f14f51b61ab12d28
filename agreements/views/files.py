"""Private files: anyone who may not see the object gets 404."""

from marketplace.uploads.serving import private_file_response

from ..selectors.files import agreement_document_get, delivery_evidence_get


def agreement_document(request, pk: int):
    """Send an agreement's signed document to staff and its cooperatives."""
    agreement = agreement_document_get(pk=pk, user=request.user)
    return private_file_response(file=agreement.document)


def delivery_evidence(request, pk: int):
    """Send a delivery's evidence to staff and the delivering cooperative."""
    report = delivery_evidence_get(pk=pk, user=request.user)
    return private_file_response(file=report.evidence)
