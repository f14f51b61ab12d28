"""Every string a user sees is marked, translated to Vietnamese, and compiled."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
#: Apps whose strings live in <app>/locale/vi (the Makefile's LOCALE_APPS).
LOCALE_APPS = [
    "marketplace",
    "cms",
    "matchmaking",
    "agreements",
    "catalog/catalogue",
    "catalog/cooperatives",
    "catalog/checkout",
    "catalog/shipping",
    "catalog/address",
    "catalog/partner",
    "catalog/basket",
]


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, locale="vi")


def _messages(catalog):
    return [m for m in catalog if m.id]


#: The top-level catalogue (LOCALE_PATHS): Wagtail's and Oscar's strings.
LIBRARY_CATALOGUE = "."


@pytest.mark.parametrize("app", [*LOCALE_APPS, LIBRARY_CATALOGUE])
def test_every_message_has_a_vietnamese_translation(app):
    catalog = _catalog(ROOT / app / "locale/vi/LC_MESSAGES/django.po")
    # A fuzzy header is dropped by msgfmt, and plurals then fall back to English.
    assert not catalog.fuzzy
    assert catalog.plural_forms == "nplurals=1; plural=0;"

    untranslated = [
        m.id
        for m in _messages(catalog)
        if m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string))
    ]

    assert untranslated == []


@pytest.mark.parametrize("app", [*LOCALE_APPS, LIBRARY_CATALOGUE])
def test_compiled_catalogue_matches_the_po_file(app):
    locale_dir = ROOT / app / "locale/vi/LC_MESSAGES"
    catalog = _catalog(locale_dir / "django.po")
    with (locale_dir / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    for message in _messages(catalog):
        if isinstance(message.id, tuple):
            assert compiled.ngettext(*message.id, 1) == message.string[0]
        elif message.context:
            found = compiled.pgettext(message.context, message.id)
            assert found == message.string, message.id
        else:
            assert compiled.gettext(message.id) == message.string, message.id


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
@pytest.mark.parametrize("app", LOCALE_APPS)
def test_no_marked_string_is_missing_from_the_catalogue(app, tmp_path):
    # Re-extract the app's strings in a copy, and compare with the committed file.
    copy = tmp_path / Path(app).name
    shutil.copytree(ROOT / app, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "vi"]
        + ["--no-obsolete", "-i", "migrations/*", "-i", "demo/*"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings.test"},
        check=True,
        capture_output=True,
    )
    committed = {
        m.id
        for m in _messages(_catalog(ROOT / app / "locale/vi/LC_MESSAGES/django.po"))
    }
    extracted = {
        m.id for m in _messages(_catalog(copy / "locale/vi/LC_MESSAGES/django.po"))
    }

    assert sorted(map(str, extracted - committed)) == []


def test_every_buyer_facing_oscar_message_is_translated(capsys):
    # Oscar's untrimmed {% blocktrans %} msgids ("\n   Page %(page_num)s of
    # ...") and its untranslated ones, exactly as Django looks them up.
    call_command("oscar_messages")

    assert capsys.readouterr().out.splitlines()[-1].startswith("0 of ")


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Oops! We found some errors", "Thông tin chưa hợp lệ"),
        ("Password reset unsuccessful", "Không đặt lại được mật khẩu"),
        ("Save review", "Gửi đánh giá"),
    ],
)
def test_oscar_mistranslations_are_corrected(english, vietnamese):
    from django.utils import translation

    with translation.override("vi"):
        assert translation.gettext(english) == vietnamese
