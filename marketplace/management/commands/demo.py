"""Load the demo data (idempotent) and print one login per role."""

from django.core.management.base import BaseCommand

from marketplace.demo.loader import DEMO_LOGINS, demo_load
from marketplace.pagecache.versions import versions_bump


class Command(BaseCommand):
    help = "Load the demo data: cooperatives, products, pages and one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the logins."
        )

    def handle(self, *args, **options):
        counts = demo_load()
        # The demo writes some rows in bulk (no signals): every page is redone.
        versions_bump("portal", "store", "agreements", "matchmaking", "search")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo loaded: "
                + ", ".join(f"{count} {name}" for name, count in counts.items())
            )
        )
        if not options["quiet_logins"]:
            self.stdout.write(demo_logins_table())


def demo_logins_table() -> str:
    """Return the demo logins as a table to print."""
    lines = ["", "Demo logins (store login: /shop/accounts/login/, CMS: /cms/):"]
    for login in DEMO_LOGINS:
        lines.append(f"  {login.role:<18} {login.email:<24} {login.password}")
    return "\n".join(lines) + "\n"
