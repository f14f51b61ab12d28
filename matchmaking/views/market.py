"""The market pages: offers and requests of a conference's approved
participants (search and filters), a participant's own offers and
requests, and the suggested partners."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.views.requests import add_errors

from ..forms.market import MarketFilterForm, OfferForm, WantForm
from ..selectors.market import market_rows, offer_own, want_own
from ..selectors.participation import participant_own
from ..selectors.suggestions import suggestions_for
from ..services.offers import offer_delete, offer_save, want_delete, want_save
from .requests import event_view

PER_PAGE = 20


@event_view(approved=True)
def market(request):
    """Approved participants and staff: browse and search the offers and
    requests (without diacritics: "mat ong" finds "Mật ong")."""
    form = MarketFilterForm(request.GET or None)
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = form.cleaned_data
    category = None
    if filters.get("category"):
        from oscar.core.loading import get_model

        category = (
            get_model("catalogue", "Category")
            .objects.filter(pk=filters["category"])
            .first()
        )
    rows = market_rows(
        event=request.event,
        kind=filters.get("kind") or "",
        text=filters.get("q") or "",
        category=category,
        province_code=filters.get("province"),
        stars=filters.get("stars"),
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "matchmaking/participation/market.html",
        {
            "form": form,
            "results": page,
            "total": len(rows),
            "params": params.urlencode(),
            "me": request.participant,
            "nav": "market",
        },
    )


@dataclass(frozen=True)
class ItemKind:
    """How the pages treat one kind of market item: who owns it, its form,
    how it is found, saved and deleted, and the pages' titles."""

    cooperative: bool
    form_class: type
    own: Callable
    save: Callable
    delete: Callable
    titles: tuple  # new, edit, delete


OFFER = ItemKind(
    True,
    OfferForm,
    offer_own,
    lambda item, **kw: offer_save(offer=item, **kw),
    lambda item, **kw: offer_delete(offer=item, **kw),
    (
        gettext_lazy("New offer"),
        gettext_lazy("Edit the offer"),
        gettext_lazy("Delete the offer"),
    ),
)
WANT = ItemKind(
    False,
    WantForm,
    want_own,
    lambda item, **kw: want_save(want=item, **kw),
    lambda item, **kw: want_delete(want=item, **kw),
    (
        gettext_lazy("New request"),
        gettext_lazy("Edit the request"),
        gettext_lazy("Delete the request"),
    ),
)


def _owner(request, kind: ItemKind):
    """Return the visitor's participant if it publishes this kind, else 404."""
    participant = participant_own(request=request)
    if participant.is_cooperative != kind.cooperative:
        raise Http404
    return participant


def _item_form(request, kind: ItemKind, pk: int | None = None):
    participant = _owner(request, kind)
    item = kind.own(participant=participant, pk=pk) if pk is not None else None
    form = kind.form_class(request.POST or None, instance=item, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            kind.save(item, participant=participant, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("matchmaking:market", slug=request.event.conference.slug)
    title = kind.titles[0] if item is None else kind.titles[1]
    return render(
        request,
        "matchmaking/participation/item_form.html",
        {"form": form, "title": title, "instance": item, "nav": "market"},
    )


def _item_delete(request, kind: ItemKind, pk: int):
    participant = _owner(request, kind)
    item = kind.own(participant=participant, pk=pk)
    if request.method == "POST":
        kind.delete(item, participant=participant)
        messages.success(request, _("Deleted."))
        return redirect("matchmaking:market", slug=request.event.conference.slug)
    return render(
        request,
        "matchmaking/participation/item_delete.html",
        {"instance": item, "title": kind.titles[2], "nav": "market"},
    )


@event_view(approved=True)
def offer_create(request):
    return _item_form(request, OFFER)


@event_view(approved=True)
def offer_edit(request, pk):
    return _item_form(request, OFFER, pk)


@event_view(approved=True)
def offer_remove(request, pk):
    return _item_delete(request, OFFER, pk)


@event_view(approved=True)
def want_create(request):
    return _item_form(request, WANT)


@event_view(approved=True)
def want_edit(request, pk):
    return _item_form(request, WANT, pk)


@event_view(approved=True)
def want_remove(request, pk):
    return _item_delete(request, WANT, pk)


@event_view(approved=True)
def suggestions(request):
    """An approved participant's suggested partners, best first, with why."""
    participant = participant_own(request=request)
    return render(
        request,
        "matchmaking/participation/suggestions.html",
        {
            "suggestions": suggestions_for(participant=participant, limit=30),
            "me": participant,
            "nav": "suggestions",
        },
    )
