"""Reading a request: the conference it is about, who is let in, and as
which participant.

``event_view`` wraps every view of one conference's matchmaking: it logs the
visitor in, finds the event by the conference's slug (404 when the
conference has no matchmaking) and sets ``request.event``,
``request.runs_matchmaking`` (staff) and ``request.participant`` (the
visitor's organisation's participant, or None). Then:

- ``staff=True``: staff only; 404 for anyone else signed in;
- ``participant=True``: staff, or anyone whose organisation takes part
  (approved or not, so that they can see their profile's status); 404 for
  anyone else;
- ``approved=True``: as ``participant``, but the participant must be
  approved (staff always pass).

Views that act as a participant must still check that the object asked for
is that participant's own (or answer 404).
"""

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Event
from ..selectors.access import participant_of, user_runs_matchmaking


def event_view(*, staff: bool = False, participant: bool = False, approved=False):
    def decorate(view):
        @login_required
        @functools.wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            event = get_object_or_404(
                Event.objects.select_related("conference"), conference__slug=slug
            )
            request.event = event
            request.runs_matchmaking = user_runs_matchmaking(user=request.user)
            request.participant = participant_of(user=request.user, event=event)
            if request.runs_matchmaking:
                return view(request, *args, **kwargs)
            if staff:
                raise Http404
            if (participant or approved) and request.participant is None:
                raise Http404
            if approved and not request.participant.is_approved:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def staff_view(view):
    """Matchmaking staff only (pages not about one conference); 404 for
    anyone else signed in."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_runs_matchmaking(user=request.user):
            raise Http404
        request.runs_matchmaking = True
        return view(request, *args, **kwargs)

    return wrapped
