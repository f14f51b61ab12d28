"""Write locale/vi/LC_MESSAGES/django.po from the project's Vietnamese for Wagtail.

Msgids one of the project's apps also uses are left out: their catalogue
decides. The translations live in ``locale/vi_admin_translations.py`` keyed by
Wagtail's English msgids; this command looks each one up in Wagtail's (and
Django's) English catalogues to keep its context and plural form, writes the
.po and compiles the .mo with msgfmt.
"""

import runpy
import subprocess
from pathlib import Path

import django
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.admin_vi import WAGTAIL_DIR


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        source = locale_dir / "vi_admin_translations.py"
        translations = runpy.run_path(str(source))["T"]
        english = {}
        sources = sorted(WAGTAIL_DIR.rglob("locale/en/LC_MESSAGES/django.po"))
        sources.append(
            Path(django.__file__).parent / "conf/locale/en/LC_MESSAGES/django.po"
        )
        for path in sources:
            with path.open("rb") as handle:
                for message in read_po(handle):
                    if message.id:
                        english.setdefault(message.id, message)
        catalog = Catalog(
            locale="vi",
            project="HTX Connect",
            fuzzy=False,
            language_team="HTX Connect <dev@htx.local>",
            last_translator="HTX Connect <dev@htx.local>",
        )
        # The project's own catalogues win for their msgids: LOCALE_PATHS
        # outranks every app, so "Documents" here would rename the site's nav.
        project_ids = set()
        for path in Path(settings.BASE_DIR).glob("**/locale/vi/LC_MESSAGES/django.po"):
            if ".venv" in path.parts or path.parent.parent.parent == locale_dir:
                continue
            with path.open("rb") as handle:
                project_ids |= {m.id for m in read_po(handle) if m.id}
        unknown = []
        for msgid, text in translations.items():
            if msgid in project_ids:
                continue
            message = english.get(msgid)
            if message is None:
                unknown.append(msgid)
                continue
            string = (text,) if isinstance(msgid, tuple) else text
            catalog.add(msgid, string, context=message.context)
        if unknown:
            raise CommandError(f"Not Wagtail or Django msgids: {unknown}")
        po = locale_dir / "vi/LC_MESSAGES/django.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            # Oscar's store messages share this catalogue; `oscar_messages`
            # owns them (marked with its name), so a rebuild keeps them.
            with po.open("rb") as handle:
                for message in read_po(handle):
                    if message.id and "oscar_messages" in message.auto_comments:
                        catalog[message.id] = message
        with po.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False)
        subprocess.run(
            ["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], check=True
        )
        self.stdout.write(f"{len(catalog)} messages written to {po}")
