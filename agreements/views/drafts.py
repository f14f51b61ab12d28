"""Draft agreements: staff mark a completed draft signed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..drafts import agreement_sign
from ..forms import SignForm
from ..models import Agreement
from .requests import add_errors, staff_required


@staff_required
def agreement_sign_view(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    if not agreement.is_draft:
        raise Http404
    posted = request.method == "POST"
    form = SignForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=agreement,
    )
    if request.method == "POST" and form.is_valid():
        try:
            signed = agreement_sign(
                agreement=agreement,
                signed_on=form.cleaned_data["signed_on"],
                document=form.cleaned_data.get("document"),
                user=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Agreement %(number)s is signed.") % {"number": signed.number},
            )
            return redirect(signed)
    return render(
        request,
        "agreements/simple_form.html",
        {
            "form": form,
            "agreement": agreement,
            "title": _("Mark agreement %(number)s signed")
            % {"number": agreement.number},
            "submit": _("Mark signed"),
            "multipart": True,
        },
    )
