"""The home page and the dashboard (overall or of one conference), its
print page and its Excel summary.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.core.exports import xlsx_response

from .. import excel
from ..models import Agreement, Conference
from ..selectors.aggregates import (
    dashboard_summary,
    fulfilment_by_cooperative,
    fulfilment_by_product,
)
from ..selectors.conferences import conference_pages, conference_panels
from ..selectors.lists import agreement_list
from ..status import status_choices
from .requests import register_user_required, staff_required, today_of
from .rows import decorate, list_url


@register_user_required
def home(request):
    if not request.is_agreements_staff:
        return redirect("agreements:list")
    return dashboard(request)


@staff_required
def dashboard(request, slug: str | None = None):
    today = today_of(request)
    conference = get_object_or_404(Conference, slug=slug) if slug else None
    summary = dashboard_summary(conference=conference, today=today)
    by_coop = summary["by_coop"]
    by_product = summary["by_product"]
    over_time = summary["over_time"]
    base = {"conference": conference.pk} if conference else {}
    status_links = [
        (value, label, summary["statuses"][value], list_url(status=value, **base))
        for value, label in status_choices()
    ]
    chart = {
        "time": {
            "labels": [row["month"].strftime("%m/%Y") for row in over_time],
            "values": [row["cumulative"] for row in over_time],
        },
        "coop": {
            "labels": [row["partner__name"] for row in by_coop],
            "values": [row["percent"] or 0 for row in by_coop],
            "links": [
                list_url(partner_id=row["partner_id"], **base) for row in by_coop
            ],
        },
        "product": {
            "labels": [f"{row['label']} ({row['unit']})" for row in by_product],
            "values": [row["percent"] or 0 for row in by_product],
        },
        "label_delivered": _("Delivered value (VND), cumulative"),
        "label_percent": _("Fulfilment % by value"),
    }
    return render(
        request,
        "agreements/dashboard.html",
        {
            "conference": conference,
            "conference_page": conference_pages(conference_ids=[conference.pk]).get(
                conference.pk
            )
            if conference
            else None,
            "conference_panels": conference_panels(
                conference=conference, request=request
            )
            if conference
            else [],
            "conferences": Conference.objects.order_by("-start_date", "name"),
            "summary": summary,
            "status_links": status_links,
            "by_coop": [
                {**row, "url": list_url(partner_id=row["partner_id"], **base)}
                for row in by_coop
            ],
            "by_product": by_product,
            "chart": chart,
            "links": {
                "all": list_url(**base),
                "behind": list_url(behind="on", **base),
                "fulfilment": list_url(sort="fulfilment", **base),
                "difficulties": reverse("agreements:difficulties"),
                "overdue_difficulties": reverse("agreements:difficulties")
                + "?state=overdue",
                "follow_ups": reverse("agreements:follow-ups") + "?state=overdue",
                "pending": reverse("agreements:pending-reports"),
            },
            "nav": "dashboard",
        },
    )


@staff_required
def conference_print(request, slug: str):
    today = today_of(request)
    conference = get_object_or_404(Conference, slug=slug)
    agreements = Agreement.objects.filter(conference=conference)
    rows = agreement_list(
        filters={"conference": conference}, sort="number", today=today
    )
    return render(
        request,
        "agreements/conference_print.html",
        {
            "conference": conference,
            "summary": dashboard_summary(conference=conference, today=today),
            "by_coop": fulfilment_by_cooperative(agreements=agreements, today=today),
            "by_product": fulfilment_by_product(agreements=agreements, today=today),
            "agreements": decorate(rows),
        },
    )


@staff_required
def conference_export(request, slug: str):
    conference = get_object_or_404(Conference, slug=slug)
    content = excel.export_conference_summary(
        conference=conference, today=today_of(request)
    )
    return xlsx_response(filename=f"{conference.slug}-summary.xlsx", content=content)
