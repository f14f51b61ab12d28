"""Conferences: the list of them, a free slug for a new one, and the news
site's page about each.

The register knows no news site (the import contracts forbid it): the news
site registers a provider of its conference pages
(``conference_page_provider_register``, from its ``AppConfig.ready()``),
which the register asks for the pages of the conferences it shows. Without
a provider (the news site not installed) no conference has a page. In the
same way an app the register cannot import (matchmaking) adds a panel to a
conference's dashboard (``conference_panel_provider_register``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from marketplace.core.text import slugify_vi

from ..models import Conference


@dataclass(frozen=True)
class ConferencePageLink:
    """The news site's public page about a conference."""

    url: str
    title: str


#: fn(conference_ids=...) -> {conference id: ConferencePageLink}
ConferencePageProvider = Callable[..., dict[int, ConferencePageLink]]
_providers: list[ConferencePageProvider] = []


def conference_page_provider_register(provider: ConferencePageProvider) -> None:
    """Let ``provider`` tell the register which public page is about which
    conference (idempotent)."""
    if provider not in _providers:
        _providers.append(provider)


def conference_pages(*, conference_ids: Iterable[int]) -> dict[int, ConferencePageLink]:
    """Return the public page of each of the conferences that has one."""
    ids = [pk for pk in conference_ids if pk is not None]
    pages: dict[int, ConferencePageLink] = {}
    if not ids:
        return pages
    for provider in _providers:
        for pk, link in provider(conference_ids=ids).items():
            pages.setdefault(pk, link)
    return pages


#: fn(conference=..., request=...) -> safe HTML of a panel, or "" for none.
ConferencePanelProvider = Callable[..., str]
_panel_providers: list[ConferencePanelProvider] = []


def conference_panel_provider_register(provider: ConferencePanelProvider) -> None:
    """Let ``provider`` add a panel to a conference's dashboard (idempotent)."""
    if provider not in _panel_providers:
        _panel_providers.append(provider)


def conference_panels(*, conference: Conference, request) -> list[str]:
    """Return the panels the providers give for a conference's dashboard."""
    panels = [
        provider(conference=conference, request=request)
        for provider in _panel_providers
    ]
    return [panel for panel in panels if panel]


def conference_list() -> QuerySet:
    """Return the conferences, newest first, each with ``agreements_count``."""
    return Conference.objects.annotate(agreements_count=Count("agreements")).order_by(
        "-start_date", "name"
    )


#: The slug of a conference whose name gives none (only marks or symbols).
FALLBACK_SLUG = "hoi-nghi"


def conference_slug_free(*, name: str, pk: int | None = None) -> str:
    """Return a slug for a conference named ``name`` that no other
    conference holds: the name without marks (``slugify_vi``), then -2,
    -3... when it is taken. ``pk``: the conference being edited."""
    max_length = Conference._meta.get_field("slug").max_length
    base = slugify_vi(name)[: max_length - 4].strip("-") or FALLBACK_SLUG
    taken = set(
        Conference.objects.filter(slug__startswith=base)
        .exclude(pk=pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
