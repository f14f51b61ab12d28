"""List, and write, the Vietnamese for Oscar's buyer-facing messages.

Oscar's templates use ``{% blocktrans %}`` without ``trimmed``, so their
msgids keep the template's newlines and indentation; Oscar's own Vietnamese
catalogue misses many of them and gets some wrong. This command finds every
msgid the store's buyers and cooperatives meet -- exactly as Django looks it up
at render time, whitespace included -- from Oscar's templates (parsed by
Django's own template engine) and its Python code (read with Babel), and:

- lists those that no catalogue translates and that have no Vietnamese in
  ``locale/vi_oscar_translations.py`` (``manage.py oscar_messages``);
- with ``--write``, adds every one that has Vietnamese there to the top-level
  catalogue ``locale/vi/LC_MESSAGES/django.po`` (``LOCALE_PATHS`` outranks
  Oscar's catalogue, so this also corrects Oscar's poor translations), keeps
  the catalogue's other entries (Wagtail's, from ``admin_vi_build``) and
  compiles it with msgfmt.

``vi_oscar_translations.py`` keys the Vietnamese by the msgid with its
whitespace collapsed, so one entry serves every indentation of a message.
"""

from __future__ import annotations

import re
import runpy
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import oscar
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.utils import translation

OSCAR_DIR = Path(oscar.__file__).parent

#: Template folders buyers and cooperatives meet (the dashboard is staff's).
TEMPLATE_FOLDERS = (
    "basket",
    "catalogue",
    "checkout",
    "communication",
    "customer",
    "forms",
    "offer",
    "order",
    "partials",
    "registration",
    "search",
    "wishlists",
)
#: Top-level templates outside those folders that the store renders.
TEMPLATE_FILES = ("403.html", "404.html", "500.html", "error.html", "layout.html")
#: Oscar apps whose Python strings reach buyers (forms, messages, models'
#: field names on forms); their ``dashboard`` subpackages are left out.
PYTHON_APPS = (
    "address",
    "basket",
    "catalogue",
    "checkout",
    "communication",
    "customer",
    "offer",
    "order",
    "partner",
    "payment",
    "search",
    "shipping",
    "voucher",
    "wishlists",
)
PYTHON_PACKAGES = ("forms", "templatetags", "core", "views")

#: Django's gettext functions, as Babel's extractor wants them.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}

#: Marks the entries this command writes, so a rerun replaces them.
MARKER = "oscar_messages"


@dataclass(frozen=True)
class OscarMessage:
    """One msgid (a tuple for plurals) Oscar looks up, and where."""

    id: str | tuple[str, str]
    context: str | None
    location: str


def message_key(msgid: str | tuple[str, str]) -> str | tuple[str, ...]:
    """Return the msgid with its whitespace collapsed (the translations' key)."""
    if isinstance(msgid, tuple):
        return tuple(message_key(part) for part in msgid)
    return " ".join(msgid.split())


def oscar_messages() -> list[OscarMessage]:
    """Return the buyer-facing msgids of Oscar's templates and Python code."""
    found: dict[tuple, OscarMessage] = {}
    for message in (*_template_messages(), *_python_messages()):
        found.setdefault((message.id, message.context), message)
    return sorted(
        found.values(), key=lambda m: (str(message_key(m.id)), m.context or "")
    )


def _template_paths() -> Iterator[Path]:
    root = OSCAR_DIR / "templates/oscar"
    for folder in TEMPLATE_FOLDERS:
        yield from sorted((root / folder).rglob("*.html"))
        yield from sorted((root / folder).rglob("*.txt"))
    for name in TEMPLATE_FILES:
        yield root / name


def _template_messages() -> Iterator[OscarMessage]:
    engine = engines["django"].engine
    for path in _template_paths():
        template = engine.from_string(path.read_text())
        location = str(path.relative_to(OSCAR_DIR))
        for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
            # The msgid Django builds when it renders the tag, untrimmed
            # whitespace and all.
            singular, _ = node.render_token_list(node.singular)
            msgid: str | tuple[str, str] = singular
            if node.plural and node.countervar:
                plural, _ = node.render_token_list(node.plural)
                msgid = (singular, plural)
            yield OscarMessage(msgid, _literal(node.message_context), location)
        for node in template.nodelist.get_nodes_by_type(TranslateNode):
            value = node.filter_expression.var
            literal = getattr(value, "literal", None)
            if isinstance(literal, str) and not node.noop:
                yield OscarMessage(
                    str(literal), _literal(node.message_context), location
                )


def _literal(expression) -> str | None:
    """Return a ``context "..."`` argument's text, if it is a literal."""
    if expression is None:
        return None
    literal = getattr(expression.var, "literal", None)
    return str(literal) if isinstance(literal, str) else None


def _python_paths() -> Iterator[Path]:
    for app in PYTHON_APPS:
        for path in sorted((OSCAR_DIR / "apps" / app).rglob("*.py")):
            if "dashboard" not in path.parts and "migrations" not in path.parts:
                yield path
    for package in PYTHON_PACKAGES:
        yield from sorted((OSCAR_DIR / package).rglob("*.py"))


def _python_messages() -> Iterator[OscarMessage]:
    for path in _python_paths():
        location = str(path.relative_to(OSCAR_DIR))
        with path.open("rb") as handle:
            for _, text, _, context in extract(
                "python", handle, keywords=KEYWORDS, strip_comment_tags=True
            ):
                if isinstance(text, tuple):
                    text = tuple(part for part in text if part is not None)
                    text = text[0] if len(text) == 1 else text[:2]
                if text:
                    yield OscarMessage(text, context, location)


def is_translated(message: OscarMessage) -> bool:
    """Return whether a Vietnamese catalogue (any of them) translates it."""
    with translation.override("vi"):
        if isinstance(message.id, tuple):
            singular, plural = message.id
            if message.context:
                text = translation.npgettext(message.context, singular, plural, 1)
            else:
                text = translation.ngettext(singular, plural, 1)
            return text != singular
        if message.context:
            return translation.pgettext(message.context, message.id) != message.id
        return translation.gettext(message.id) != message.id


def needs_no_translation(msgid: str | tuple[str, str]) -> bool:
    """Return whether a msgid is only placeholders, markup and punctuation."""
    text = " ".join(msgid) if isinstance(msgid, tuple) else msgid
    text = re.sub(r"%\(\w+\)[sd]|<[^>]*>|&\w+;", " ", text)
    return not re.search(r"[A-Za-z]", text)


def vietnamese_for(msgid: str, text: str) -> str:
    """Return ``text`` wrapped in the msgid's outer whitespace (msgfmt -c)."""
    leading = msgid[: len(msgid) - len(msgid.lstrip())]
    trailing = msgid[len(msgid.rstrip()) :]
    return f"{leading}{text}{trailing}"


def project_msgids() -> set[tuple]:
    """Return the (msgid, context) pairs the project's app catalogues translate."""
    top = Path(settings.LOCALE_PATHS[0])
    found = set()
    for path in Path(settings.BASE_DIR).glob("**/locale/vi/LC_MESSAGES/django.po"):
        if ".venv" in path.parts or "var" in path.parts:
            continue
        if path.parent.parent.parent == top:
            continue
        with path.open("rb") as handle:
            found |= {(m.id, m.context) for m in read_po(handle) if m.id}
    return found


class Command(BaseCommand):
    help = "List (or --write) the Vietnamese for Oscar's buyer-facing messages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write",
            action="store_true",
            help="Write the translations into locale/vi and compile it.",
        )

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        source = locale_dir / "vi_oscar_translations.py"
        translations = runpy.run_path(str(source))["T"]
        messages = oscar_messages()
        used_keys = {message_key(m.id) for m in messages}
        unused = sorted(str(k) for k in translations if k not in used_keys)
        if unused:
            raise CommandError(f"Not msgids of Oscar's store pages: {unused}")
        if options["write"]:
            self._write(locale_dir / "vi/LC_MESSAGES/django.po", messages, translations)
        missing = [
            m
            for m in messages
            if message_key(m.id) not in translations
            and not needs_no_translation(m.id)
            and not is_translated(m)
        ]
        for message in missing:
            self.stdout.write(f"{message.location}: {message_key(message.id)!r}")
        self.stdout.write(f"{len(missing)} of {len(messages)} messages untranslated")

    def _write(self, po: Path, messages: Iterable[OscarMessage], translations) -> None:
        with po.open("rb") as handle:
            existing = read_po(handle, locale="vi")
        catalog = Catalog(
            locale="vi",
            project="HTX Connect",
            fuzzy=False,
            language_team="HTX Connect <dev@htx.local>",
            last_translator="HTX Connect <dev@htx.local>",
            creation_date=existing.creation_date,
        )
        for message in existing:
            if message.id and MARKER not in message.auto_comments:
                catalog[message.id] = message
        # The project's apps decide their own msgids (LOCALE_PATHS outranks
        # them), as admin_vi_build does for Wagtail's.
        skipped = project_msgids()
        written = 0
        for message in messages:
            text = translations.get(message_key(message.id))
            if text is None or (message.id, message.context) in skipped:
                continue
            if catalog.get(message.id, message.context) is not None:
                continue
            if isinstance(message.id, tuple):
                string = (vietnamese_for(message.id[0], text),)
            else:
                string = vietnamese_for(message.id, text)
            catalog.add(
                message.id,
                string,
                context=message.context,
                auto_comments=[MARKER],
                locations=[(message.location, None)],
            )
            written += 1
        with po.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False)
        subprocess.run(
            ["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)],
            check=True,
        )
        self.stdout.write(f"{written} Oscar messages written to {po}")
