"""E-mail each participant the meetings they have tomorrow (once per
meeting); meant to run daily, e.g. from cron at 07:00."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from matchmaking.notifications import meetings_remind


class Command(BaseCommand):
    help = "E-mail each participant their meetings of tomorrow (once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD).",
        )

    def handle(self, *args, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today: {error}") from None
        sent = meetings_remind(today=today)
        for name, count in sent:
            self.stdout.write(f"{name}: {count} meeting(s)")
        self.stdout.write(f"Reminded {len(sent)} participant(s).")
