"""Warn cooperatives, once, of OCOP certificates expiring within 60 days.

Run daily from cron, e.g.:
    15 6 * * * cd /srv/htx && .venv/bin/python manage.py ocop_expiry_warnings
"""

from django.core.management.base import BaseCommand

from catalog.cooperatives.services import ocop_expiry_warnings_send


class Command(BaseCommand):
    help = "E-mail each cooperative once about OCOP certificates expiring in 60 days."

    def handle(self, *args, **options):
        sent = ocop_expiry_warnings_send()
        self.stdout.write(f"{sent} expiry warning(s) sent.")
