"""Follow-ups: the list and closing one with its outcome."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from marketplace.core.http import redirect_next

from .. import services
from ..forms import FollowUpCloseForm
from ..models import FollowUp
from ..selectors import follow_ups
from .requests import staff_required, today_of


@staff_required
def follow_up_list(request):
    state = request.GET.get("state", "open")
    return render(
        request,
        "agreements/follow_up_list.html",
        {
            "follow_ups": follow_ups.follow_up_list(
                user=request.user, state=state, today=today_of(request)
            ),
            "state": state,
            "today": today_of(request),
            "nav": "follow_ups",
        },
    )


@staff_required
def follow_up_close(request, pk: int):
    follow_up = get_object_or_404(FollowUp.objects.select_related("agreement"), pk=pk)
    form = FollowUpCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.follow_up_close(
            follow_up=follow_up, user=request.user, outcome=form.cleaned_data["outcome"]
        )
        messages.success(request, _("Follow-up closed."))
        return redirect_next(request, follow_up.agreement)
    return render(
        request,
        "agreements/simple_form.html",
        {
            "form": form,
            "agreement": follow_up.agreement,
            "title": _("Close the follow-up: %(kind)s")
            % {"kind": follow_up.get_kind_display()},
            "submit": _("Close"),
        },
    )
