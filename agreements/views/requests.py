"""Reading a request: who is let in (``register_user_required``,
``staff_required``), the date asked, the list's filters, and a service's
errors shown on the form.
"""

import datetime
import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from ..forms import FilterForm
from ..selectors.access import (
    user_is_agreements_staff,
    user_is_business_staff,
    user_partner_ids,
)


def register_user_required(view):
    """Let in agreements staff, cooperative staff and an approved business's
    staff (``request.is_business_staff``: they see their business's
    agreements, selectors/access.py); 404 for anyone else."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.is_agreements_staff = user_is_agreements_staff(user=request.user)
        request.is_business_staff = False
        if not request.is_agreements_staff and not user_partner_ids(user=request.user):
            request.is_business_staff = user_is_business_staff(user=request.user)
            if not request.is_business_staff:
                raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def staff_required(view):
    """Agreements staff only; 404 for anyone else signed in."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_is_agreements_staff(user=request.user):
            raise Http404
        request.is_agreements_staff = True
        return view(request, *args, **kwargs)

    return wrapped


def add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, beside its field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, error)


def today_of(request) -> datetime.date:
    return timezone.localdate()


def filters_read(request) -> tuple[FilterForm, dict]:
    """Return the filter form and the filters it holds; a filter with an
    error (a business that matches nothing) is left out, the others apply."""
    form = FilterForm(request.GET or None, user=request.user)
    data = {}
    if form.is_bound:
        # An invalid form's cleaned_data still holds its valid fields.
        form.is_valid()
        data = form.cleaned_data
    return form, {
        key: value for key, value in data.items() if value not in (None, "", False)
    }
