"""URLs of trade-connection matchmaking, mounted at /ket-noi/ (namespace
"matchmaking"). Each area keeps its own list:

- ``accounts``: business self-registration, moderation, the business's home;
- ``participation``: a conference's matchmaking settings, participant
  profiles, badges, offers and requests, suggested matches;
- ``meetings``: meeting requests and answers, days and tables, the
  scheduler, agendas, calendars and table schedules;
- ``day``: check-in, attendance, outcomes and the funnel.
"""

from . import accounts, day, meetings, participation

app_name = "matchmaking"

urlpatterns = (
    accounts.urlpatterns
    + participation.urlpatterns
    + meetings.urlpatterns
    + day.urlpatterns
)
