"""Translated labels of the order-line statuses (OSCAR_LINE_STATUS_PIPELINE)."""

from django.utils.translation import gettext_lazy as _

LINE_STATUS_LABELS = {
    "Pending": _("Waiting for confirmation"),
    "Confirmed": _("Confirmed"),
    "Shipped": _("Shipped"),
    "Delivered": _("Delivered"),
    "Cancelled": _("Cancelled"),
}


def line_status_label(status: str) -> str:
    return str(LINE_STATUS_LABELS.get(status, status))
