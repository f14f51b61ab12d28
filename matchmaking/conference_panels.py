"""Matchmaking's part of other apps' conference pages: the funnel panel on
the register's conference dashboard (registered with
``agreements.selectors.conferences``, which cannot import matchmaking)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from .models import Event
from .selectors.access import user_runs_matchmaking
from .selectors.funnel import conference_funnel


def funnel_panel(*, conference, request) -> str:
    """The funnel of the conference's matchmaking ("" when it has none)."""
    event = Event.objects.filter(conference=conference).first()
    if event is None:
        return ""
    url = (
        reverse("matchmaking:funnel", args=[conference.slug])
        if user_runs_matchmaking(user=request.user)
        else ""
    )
    return mark_safe(
        render_to_string(
            "matchmaking/day/funnel_panel.html",
            {"funnel": conference_funnel(event=event), "url": url},
            request=request,
        )
    )


def register() -> None:
    from agreements.selectors.conferences import conference_panel_provider_register

    conference_panel_provider_register(funnel_panel)
