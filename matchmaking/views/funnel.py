"""The staff's results page of a conference: the funnel and the meetings
and agreements behind its last steps."""

from django.shortcuts import render

from ..selectors.funnel import conference_funnel, funnel_meetings
from .requests import event_view


@event_view(staff=True)
def funnel(request):
    return render(
        request,
        "matchmaking/day/funnel.html",
        {
            "nav": "funnel",
            "funnel": conference_funnel(event=request.event),
            "meetings": funnel_meetings(event=request.event),
        },
    )
