"""What the list, the print page and the agreement page show beside each
row: parties, status labels, percentages, and links to the filtered list.
"""

from django.urls import reverse
from django.utils.http import urlencode

from ..selectors.lists import agreement_list_parties
from ..status import status_choices


def decorate(agreements) -> list:
    """Attach party rows and the status label to a page of agreements."""
    agreements = list(agreements)
    parties = agreement_list_parties(agreements=agreements)
    labels = dict(status_choices())
    for agreement in agreements:
        agreement.party_rows = parties[agreement.pk]
        agreement.status_label = labels[agreement.status]
    return agreements


def decorate_lines(lines) -> list:
    """Attach percentages and the status label to an agreement's lines."""
    labels = dict(status_choices())
    lines = list(lines)
    for line in lines:
        line.percent = 100.0 * line.delivered_value / line.value if line.value else 0
        line.expected_percent = (
            100.0 * line.expected_value / line.value if line.value else 0
        )
        line.over = (
            line.delivered_value > line.value or line.delivered_quantity > line.quantity
        )
        line.status_label = labels[line.status]
    return lines


def list_url(**params) -> str:
    query = {
        k: (v.pk if hasattr(v, "pk") else v)
        for k, v in params.items()
        if v not in (None, "")
    }
    return reverse("agreements:list") + ("?" + urlencode(query) if query else "")
