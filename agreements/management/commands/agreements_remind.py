"""Send the day's agreement reminders. Run once a day from cron:

15 7 * * *  cd /srv/htx && .venv/bin/python manage.py agreements_remind

The rules (what is due, to whom, how often) are ``agreements.reminders``;
this command prints one line per e-mail sent and a total.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from agreements.reminders import reminders_send


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
        run = reminders_send(today=today)
        for reminder in run.sent:
            self.stdout.write(
                f"{reminder.to} ({reminder.audience}): agreement "
                f"{reminder.item.agreement.number}, {reminder.item_label}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(run.sent)} e-mails: {run.follow_ups} follow-ups, "
                f"{run.difficulties} overdue difficulties."
            )
        )
