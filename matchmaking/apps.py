from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    """Trade-connection matchmaking: conference participants, their offers and
    requests, and the one-to-one meetings that lead to agreements."""

    name = "matchmaking"
    verbose_name = _("Trade connection")

    def ready(self) -> None:
        from marketplace.pagecache.invalidation import bump_on_writes

        # The public conference pages show the matchmaking funnel.
        bump_on_writes("matchmaking", app_labels={"matchmaking"})

        from . import conference_panels

        # The register's conference dashboard shows the funnel.
        conference_panels.register()

        from . import search, search_signals

        # The market searches the offers and requests through the search layer.
        search.register()
        search_signals.connect()
