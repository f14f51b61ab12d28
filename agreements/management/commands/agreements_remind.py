"""Send the day's agreement reminders. Run once a day from cron:

15 7 * * *  cd /srv/htx && .venv/bin/python manage.py agreements_remind
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from agreements.services import reminders_send


class Command(BaseCommand):
    help = "E-mail reminders of due and overdue follow-ups and overdue difficulties."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD)."
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        result = reminders_send(today=today)
        self.stdout.write(
            self.style.SUCCESS(
                f"{result['emails']} e-mails: {result['follow_ups']} follow-ups, "
                f"{result['difficulties']} overdue difficulties."
            )
        )
