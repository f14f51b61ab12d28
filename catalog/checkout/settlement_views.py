"""Alliance staff: what each cooperative is owed over a period."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import generic

from marketplace.core import roles
from marketplace.core.exports import xlsx_response

from .settlement import settlement_rows, settlement_totals, settlement_xlsx


class SettlementPeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the first day of the period."),
            "invalid": _("Enter a valid date for the first day."),
        },
    )
    date_to = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the last day of the period."),
            "invalid": _("Enter a valid date for the last day."),
        },
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The last day cannot be before the first day."))
        return data


def _this_month() -> dict[str, datetime.date]:
    today = timezone.localdate()
    return {"date_from": today.replace(day=1), "date_to": today}


@method_decorator(
    [login_required, permission_required(roles.VIEW_SETTLEMENT, raise_exception=True)],
    name="dispatch",
)
class SettlementView(generic.TemplateView):
    """The settlement table for a period (this month by default), or its Excel."""

    template_name = "checkout/staff_settlement.html"

    def get(self, request, *args, **kwargs):
        if "date_from" in request.GET or "date_to" in request.GET:
            form = SettlementPeriodForm(request.GET)
        else:
            form = SettlementPeriodForm(data=_this_month())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        period = form.cleaned_data
        rows = settlement_rows(date_from=period["date_from"], date_to=period["date_to"])
        if request.GET.get("export") == "xlsx":
            return xlsx_response(
                filename=f"settlement-{period['date_from']:%Y%m%d}-"
                f"{period['date_to']:%Y%m%d}.xlsx",
                content=settlement_xlsx(rows=rows, **period),
            )
        return self.render_to_response(
            self.get_context_data(
                form=form, rows=rows, totals=settlement_totals(rows=rows)
            )
        )
