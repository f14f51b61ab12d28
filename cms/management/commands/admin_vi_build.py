"""Write locale/vi/LC_MESSAGES/django.po and djangojs.po from the project's
Vietnamese for Wagtail.

The translations live in one catalogue source,
``locale/vi_admin_translations.py``, keyed by Wagtail's English msgids, so
that they can be offered to Wagtail's translators as they are. This command
looks each msgid up in the English catalogues (Wagtail's, Django's,
django-taggit's) of both domains to keep its context and plural form: a msgid
of the Python code goes into ``django.po``, one of the admin's JavaScript
(served by ``/cms/jsi18n/``) into ``djangojs.po``, one used by both into both.
It then compiles each .po into its .mo with msgfmt.

Msgids one of the project's apps also uses are left out of ``django.po``:
their catalogue decides.
"""

import runpy
import subprocess
from pathlib import Path

import django
import taggit
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.admin_vi import WAGTAIL_DIR

DOMAINS = ("django", "djangojs")


def _english(domain: str) -> dict:
    """Return the English messages of ``domain`` by msgid: Wagtail's, Django's,
    and django-taggit's (the help text of Wagtail's tag fields)."""
    sources = sorted(WAGTAIL_DIR.rglob(f"locale/en/LC_MESSAGES/{domain}.po"))
    for package in (django, taggit):
        folder = Path(package.__file__).parent
        sources.extend(sorted(folder.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")))
    english = {}
    for path in sources:
        if not path.exists():
            continue
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id:
                    english.setdefault(message.id, message)
    return english


def _catalog() -> Catalog:
    return Catalog(
        locale="vi",
        project="HTX Connect",
        fuzzy=False,
        language_team="HTX Connect <dev@htx.local>",
        last_translator="HTX Connect <dev@htx.local>",
    )


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        source = locale_dir / "vi_admin_translations.py"
        translations = runpy.run_path(str(source))["T"]
        # The project's own catalogues win for their msgids: LOCALE_PATHS
        # outranks every app, so "Documents" here would rename the site's nav.
        project_ids = set()
        for path in Path(settings.BASE_DIR).glob("**/locale/vi/LC_MESSAGES/django.po"):
            if ".venv" in path.parts or path.parent.parent.parent == locale_dir:
                continue
            with path.open("rb") as handle:
                project_ids |= {m.id for m in read_po(handle) if m.id}
        english = {domain: _english(domain) for domain in DOMAINS}
        catalogs = {domain: _catalog() for domain in DOMAINS}
        unknown = []
        for msgid, text in translations.items():
            found = False
            for domain in DOMAINS:
                message = english[domain].get(msgid)
                if message is None:
                    continue
                found = True
                if domain == "django" and msgid in project_ids:
                    continue
                string = (text,) if isinstance(msgid, tuple) else text
                catalogs[domain].add(msgid, string, context=message.context)
            if not found:
                unknown.append(msgid)
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
                        catalogs["django"][message.id] = message
        for domain, catalog in catalogs.items():
            path = po.with_name(f"{domain}.po")
            with path.open("wb") as handle:
                write_po(handle, catalog, width=0, omit_header=False)
            subprocess.run(
                ["msgfmt", "--check", "-o", str(path.with_suffix(".mo")), str(path)],
                check=True,
            )
            self.stdout.write(f"{len(catalog)} messages written to {path}")
