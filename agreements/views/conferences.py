"""Conferences (the list, a new one) and new businesses."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.submissions import (
    SubmissionReplayed,
    submission_once,
    submission_replayed_redirect,
)

from .. import services
from ..forms import BusinessForm, ConferenceForm
from ..selectors.conferences import conference_list as conferences_read
from ..selectors.conferences import conference_pages
from .requests import staff_required


@staff_required
def conference_list(request):
    conferences = list(conferences_read())
    pages = conference_pages(conference_ids=[c.pk for c in conferences])
    for conference in conferences:
        conference.page = pages.get(conference.pk)
    return render(
        request,
        "agreements/conference_list.html",
        {"conferences": conferences, "nav": "dashboard"},
    )


@staff_required
def conference_create(request):
    form = ConferenceForm(request.POST or None, user=request.user)
    if request.method == "POST" and (replay := form.submission_replayed()):
        return submission_replayed_redirect(request, replay, "agreements:home")
    if request.method == "POST" and form.is_valid():
        try:
            conference = submission_once(
                token=form.submission_token,
                user=request.user,
                write=lambda: services.conference_save(
                    conference=form.save(commit=False)
                ),
                result_url=lambda conference: conference.get_absolute_url(),
            )
        except SubmissionReplayed as replay:
            return submission_replayed_redirect(request, replay, "agreements:home")
        return redirect(conference)
    return render(
        request,
        "agreements/simple_form.html",
        {"form": form, "title": _("New conference"), "submit": _("Save")},
    )


@staff_required
def business_create(request):
    form = BusinessForm(request.POST or None, user=request.user)
    if request.method == "POST" and (replay := form.submission_replayed()):
        return submission_replayed_redirect(request, replay, "agreements:list")
    if request.method == "POST" and form.is_valid():
        try:
            business = submission_once(
                token=form.submission_token,
                user=request.user,
                write=lambda: services.business_save(business=form.save(commit=False)),
                result_url=lambda _business: reverse("agreements:list"),
            )
        except SubmissionReplayed as replay:
            return submission_replayed_redirect(request, replay, "agreements:list")
        messages.success(
            request, _("Business %(name)s saved.") % {"name": business.name}
        )
        return redirect("agreements:list")
    return render(
        request,
        "agreements/simple_form.html",
        {"form": form, "title": _("New business"), "submit": _("Save")},
    )
