"""Views of business accounts: the business's home, self-registration,
the moderators' queue and review, and the logins staff give register
businesses.

Who gets in: anyone may register a business; the home is any signed-in
user's own (a user with no business is sent to register one); moderation
needs ``roles.MODERATE_BUSINESS`` and logins the agreements staff (404 for
anyone else signed in, the login page for visitors).
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agreements.models import Business, BusinessStatus
from agreements.selectors.access import user_is_agreements_staff
from agreements.views.requests import add_errors
from catalog.cooperatives.forms import ReviewForm
from marketplace.core import roles

from ..forms.accounts import BusinessLoginForm, BusinessRegistrationForm
from ..selectors.accounts import (
    business_for_review,
    business_logins,
    business_moderation_queue,
    businesses_of,
)
from ..services import accounts as services


def _moderator_required(view):
    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(roles.MODERATE_BUSINESS):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _agreements_staff_required(view):
    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_is_agreements_staff(user=request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@login_required
def business_home(request):
    """The business's own page: its profile, approval and links."""
    businesses = businesses_of(user=request.user)
    if not businesses:
        return redirect("matchmaking:business-register")
    return render(
        request,
        "matchmaking/accounts/home.html",
        {"businesses": businesses, "nav": "business"},
    )


def business_register(request):
    """Public: a business registers itself (pending), or claims a business
    already in the register (services/accounts.py)."""
    user = request.user if request.user.is_authenticated else None
    form = BusinessRegistrationForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            business, claimed = services.business_register(
                business_data=form.business_data(),
                user=user,
                full_name=data.get("full_name", ""),
                email=data.get("login_email", ""),
                password=data.get("password1", ""),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return render(
                request,
                "matchmaking/accounts/registered.html",
                {"business": business, "claimed": claimed, "nav": "business"},
            )
    return render(
        request,
        "matchmaking/accounts/register.html",
        {"form": form, "nav": "business"},
    )


@_moderator_required
def business_moderation(request):
    return render(
        request,
        "matchmaking/accounts/moderation.html",
        {**business_moderation_queue(), "nav": "moderation"},
    )


@_moderator_required
def business_moderation_detail(request, pk: int):
    """One business: approve or reject it (when it registered itself), and
    confirm or refuse each claim to work for it."""
    context = business_for_review(pk=pk)
    business = context["business"]
    claimant = None
    if request.method == "POST" and request.POST.get("claimant"):
        wanted = request.POST["claimant"]
        claimant = next((u for u in context["claimants"] if str(u.pk) == wanted), None)
        if claimant is None:
            raise Http404
    elif request.method == "POST" and business.status != BusinessStatus.PENDING:
        raise Http404
    # One form per decision on the page, each with its own ids; the one
    # sent comes back bound (with its errors).
    prefix = f"claim{claimant.pk}_%s" if claimant else "business_%s"
    form = ReviewForm(request.POST or None, auto_id=prefix)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            if claimant is not None:
                services.business_claim_review(
                    business=business,
                    user=claimant,
                    approve=approve,
                    reason=form.cleaned_data["reason"],
                )
            else:
                services.business_review(
                    business=business,
                    approve=approve,
                    reason=form.cleaned_data["reason"],
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Decision recorded; the business is told."))
            return redirect("matchmaking:business-moderation")
    business_form = form if claimant is None else ReviewForm(auto_id="business_%s")
    claims = [
        (
            person,
            form
            if claimant is not None and person.pk == claimant.pk
            else ReviewForm(auto_id=f"claim{person.pk}_%s"),
        )
        for person in context["claimants"]
    ]
    return render(
        request,
        "matchmaking/accounts/review.html",
        {
            **context,
            "business_form": business_form,
            "claims": claims,
            "nav": "moderation",
        },
    )


@_agreements_staff_required
def business_logins_view(request, pk: int):
    """Staff give a register business's people logins."""
    business = get_object_or_404(Business, pk=pk)
    form = BusinessLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.business_login_add(
                business=business,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(email)s can now act for %(name)s; they were e-mailed a link.")
                % {"email": user.email, "name": business.name},
            )
            return redirect("matchmaking:business-logins", pk=business.pk)
    return render(
        request,
        "matchmaking/accounts/logins.html",
        {
            "business": business,
            "logins": business_logins(business=business),
            "form": form,
            "nav": "logins",
        },
    )
