"""Print how much of the editor's daily admin screens is translated to Vietnamese."""

from django.core.management.base import BaseCommand

from cms.admin_vi import coverage


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--domain", default="django", choices=["django", "djangojs"]
        )
        parser.add_argument(
            "--missing", action="store_true", help="list the untranslated msgids"
        )

    def handle(self, *args, domain, missing, **options):
        rows = coverage(domain)
        self.stdout.write(f"{'screen':<18} {'strings':>7} {'before':>14} {'after':>14}")
        for row in rows:
            before = f"{row.before} ({100 * row.before / max(row.total, 1):.0f}%)"
            after = f"{row.after} ({100 * row.after / max(row.total, 1):.0f}%)"
            self.stdout.write(
                f"{row.screen:<18} {row.total:>7} {before:>14} {after:>14}"
            )
        if missing:
            for context, msgid in rows[-1].missing:
                self.stdout.write(f"{context}\x04{msgid}" if context else repr(msgid))
