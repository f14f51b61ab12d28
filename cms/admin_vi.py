"""Measure how much of the editor's daily admin screens reads in Vietnamese.

The strings a screen shows are found through Wagtail's English catalogues,
whose ``#:`` references name the template or module each msgid comes from.
A string counts as translated when a Vietnamese catalogue gives it a
translation: Wagtail's or Django's own ("before"), or those plus the
project's ``locale/vi`` (LOCALE_PATHS) ("after").
"""

import fnmatch
from dataclasses import dataclass
from pathlib import Path

import django
import wagtail
from babel.messages.pofile import read_po
from django.conf import settings

WAGTAIL_DIR = Path(wagtail.__file__).parent

#: The screens an editor uses every day, as path patterns relative to a
#: Wagtail app's folder (the paths in the ``#:`` references): "app:pattern",
#: or a bare pattern for wagtail.admin.
SCREENS: dict[str, list[str]] = {
    "login": ["templates/wagtailadmin/login.html", "forms/auth.py", "views/account.py"],
    "dashboard": [
        "templates/wagtailadmin/home.html",
        "templates/wagtailadmin/home/*",
        "views/home.py",
        "templates/wagtailadmin/shared/headers/*",
        "templates/wagtailadmin/shared/side_panel*",
        "ui/sidebar.py",
        "templates/wagtailadmin/skeleton.html",
        "templates/wagtailadmin/admin_base.html",
        "templates/wagtailadmin/base.html",
    ],
    "page explorer": [
        "templates/wagtailadmin/pages/index*",
        "templates/wagtailadmin/pages/listing/*",
        "templates/wagtailadmin/pages/page_listing_header*",
        "templates/wagtailadmin/pages/add_subpage.html",
        "templates/wagtailadmin/pages/search*",
        "templates/wagtailadmin/shared/page_status_tag*",
        "templates/wagtailadmin/tables/*",
        "views/pages/listing.py",
        "views/pages/search.py",
        "views/pages/create.py",
        "ui/tables/*",
        "widgets/button*",
        "templates/wagtailadmin/shared/buttons.html",
        "templates/wagtailadmin/shared/pagination_nav.html",
        "templates/wagtailadmin/shared/filters*",
        "filters.py",
    ],
    "page editor": [
        "templates/wagtailadmin/pages/create.html",
        "templates/wagtailadmin/pages/edit.html",
        "templates/wagtailadmin/pages/confirm_delete.html",
        "templates/wagtailadmin/pages/preview*",
        "templates/wagtailadmin/pages/revisions/*",
        "templates/wagtailadmin/panels/*",
        "templates/wagtailadmin/shared/panel*",
        "templates/wagtailadmin/shared/side_panels/*",
        "templates/wagtailadmin/shared/headers/page_edit_header.html",
        "templates/wagtailadmin/shared/field*",
        "templates/wagtailadmin/block_forms/*",
        "templates/wagtailadmin/shared/dialog/*",
        "templates/wagtailadmin/shared/human_readable_date.html",
        "templates/wagtailadmin/shared/last_updated.html",
        "templates/wagtailadmin/shared/page_status_tag*",
        "views/pages/edit.py",
        "views/pages/create.py",
        "views/pages/preview.py",
        "views/pages/revisions.py",
        "views/pages/delete.py",
        "views/generic/preview.py",
        "panels/*",
        "ui/side_panels.py",
        "ui/components.py",
        "forms/pages.py",
        "forms/models.py",
        "widgets/*",
        "blocks/*",
        "core:templates/wagtailcore/shared/*",
        "core:models/pages.py",
        "core:models/revisions.py",
        "core:blocks/*",
        "rich_text/*",
        "client/src/*",
    ],
    "images": [
        "images:templates/wagtailimages/images/*",
        "images:templates/wagtailimages/multiple/*",
        "images:templates/wagtailimages/chooser/*",
        "images:templates/wagtailimages/widgets/*",
        "images:views/images.py",
        "images:views/multiple.py",
        "images:views/chooser.py",
        "images:forms.py",
        "images:fields.py",
        "images:widgets.py",
        "images:models.py",
        "images:wagtail_hooks.py",
        "images:permissions.py",
    ],
    "documents": [
        "documents:templates/wagtaildocs/documents/*",
        "documents:templates/wagtaildocs/multiple/*",
        "documents:templates/wagtaildocs/chooser/*",
        "documents:templates/wagtaildocs/widgets/*",
        "documents:views/documents.py",
        "documents:views/multiple.py",
        "documents:views/chooser.py",
        "documents:forms.py",
        "documents:widgets.py",
        "documents:models.py",
        "documents:wagtail_hooks.py",
    ],
    "workflow actions": [
        "templates/wagtailadmin/workflows/confirm_workflow_cancellation.html",
        "templates/wagtailadmin/shared/workflow_*",
        "templates/wagtailadmin/shared/side_panels/includes/status/workflow*",
        "templates/wagtailadmin/pages/workflow_history/*",
        "templates/wagtailadmin/pages/confirm_workflow_cancellation.html",
        "templates/wagtailadmin/generic/confirm_workflow_cancellation.html",
        "templates/wagtailadmin/workflows/workflow_action_modal*",
        "views/pages/workflow.py",
        "views/generic/workflow.py",
        "core:models/workflows.py",
        "core:workflows.py",
        "templates/wagtailadmin/home/workflow_*",
        "templates/wagtailadmin/notifications/*",
    ],
    "publish menu": [
        "action_menu.py",
        "templates/wagtailadmin/pages/action_menu/*",
        "templates/wagtailadmin/shared/action_menu/*",
        "templates/wagtailadmin/pages/_unsaved_changes_warning.html",
        "views/pages/edit.py",
    ],
}

#: Wagtail apps whose catalogues hold those screens' strings.
APPS = ["admin", "images", "documents", "", "snippets"]
PROJECT_PO = "locale/vi/LC_MESSAGES/{domain}.po"


@dataclass
class Coverage:
    screen: str
    total: int
    before: int
    after: int
    missing: list


def _read(path: Path):
    if not path.exists():
        return []
    with path.open("rb") as handle:
        return list(read_po(handle, locale="vi" if "/vi/" in str(path) else "en"))


def _key(message):
    return (message.context or "", message.id)


def _translated(messages) -> set:
    done = set()
    for message in messages:
        if not message.id or message.fuzzy:
            continue
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if all(strings):
            done.add(_key(message))
    return done


def _library_vi(domain: str) -> set:
    done = set()
    for po in WAGTAIL_DIR.rglob(f"locale/vi/LC_MESSAGES/{domain}.po"):
        done |= _translated(_read(po))
    django_po = Path(django.__file__).parent / f"conf/locale/vi/LC_MESSAGES/{domain}.po"
    done |= _translated(_read(django_po))
    return done


def screen_messages(domain: str = "django") -> dict[str, dict]:
    """Return, per screen, the msgids (keys) it shows with one message each."""
    found: dict[str, dict] = {screen: {} for screen in SCREENS}
    for app in APPS:
        app_dir = WAGTAIL_DIR / app if app else WAGTAIL_DIR
        for message in _read(app_dir / f"locale/en/LC_MESSAGES/{domain}.po"):
            if not message.id:
                continue
            paths = [
                f"{app or 'core'}:{location}" for location, _line in message.locations
            ]
            for screen, patterns in SCREENS.items():
                if any(
                    fnmatch.fnmatch(
                        path, pattern if ":" in pattern else f"admin:{pattern}"
                    )
                    for path in paths
                    for pattern in patterns
                ):
                    found[screen][_key(message)] = message
    return found


def coverage(domain: str = "django") -> list[Coverage]:
    """Return the coverage of each screen, before and after the project's catalogue."""
    library = _library_vi(domain)
    project = _translated(
        _read(Path(settings.LOCALE_PATHS[0]) / f"vi/LC_MESSAGES/{domain}.po")
    )
    rows = []
    every: dict = {}
    for screen, messages in screen_messages(domain).items():
        every.update(messages)
        keys = set(messages)
        rows.append(
            Coverage(
                screen,
                len(keys),
                len(keys & library),
                len(keys & (library | project)),
                sorted(keys - library - project, key=str),
            )
        )
    keys = set(every)
    rows.append(
        Coverage(
            "all (distinct)",
            len(keys),
            len(keys & library),
            len(keys & (library | project)),
            sorted(keys - library - project, key=str),
        )
    )
    return rows
