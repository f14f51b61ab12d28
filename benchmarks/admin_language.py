"""Crawl the editors' and moderators' admin screens in Chromium and count how
many of the strings they show read in Vietnamese.

Not part of the test suite: run it by hand and report its figures.

    .venv/bin/python benchmarks/admin_language.py [--english] [--screens dashboard,...]

It prepares its own SQLite database under var/admin_language/ (migrate,
demo), serves the site with ``runserver`` (the embedded default), logs in as
the demo editor and the demo moderator in Chromium with a Vietnamese browser,
and opens each daily screen: dashboard, explorer, create and edit for each
page type, the publish menu, the scheduling dialog, history, search, images,
documents, workflow tasks, the moderator's review. On each screen it reads
what the browser renders, scripts included: every visible text node, the
placeholder of every visible field and the label of every visible button.

A string is one text node (or placeholder) as shown, whitespace collapsed,
counted once per screen. It is Vietnamese when each of its words has the
shape of a Vietnamese syllable, is a word of the stored content or is on the
short allowed lists (``tests/language_rules.py``, ``ALLOWED_IN_ADMIN``), and
English otherwise; a word glued to the next ("nhậpcủa") makes it English.
Strings of only numbers, dates, file names and acronyms (HTX, PDF, KB), and
stored names shown whole (a page title, a person, possibly cut by "…") count
as neither. The figure is Vietnamese strings / all strings, per screen and in
total; ``--english`` lists the English strings left.
"""

import argparse
import contextlib
import io
import os
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field

from serving import PYTHON, ROOT, free_port

WORK_DIR = ROOT / "var" / "admin_language"
DATABASE = WORK_DIR / "db.sqlite3"
CHROMIUM = "/usr/bin/chromium"
EDITOR = ("editor", "editor-demo-2024")
MODERATOR = ("moderator", "moderator-demo-2024")

#: What the browser shows a reader: visible text nodes, placeholders, labels
#: of visible buttons. Screen-reader-only text (Wagtail's "w-sr-only") counts:
#: it is read out to the people who use it.
SHOWN_STRINGS_JS = """
() => {
  const shown = (el) => el && el.checkVisibility({checkVisibilityCSS: true})
      || (el && el.closest('.w-sr-only, .visuallyhidden'));
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent) continue;
    if (parent.closest('script, style, template, noscript')) continue;
    if (shown(parent)) out.push(text);
  }
  for (const el of document.querySelectorAll('[placeholder]')) {
    if (shown(el) && el.placeholder.trim()) out.push(el.placeholder.trim());
  }
  const inputs = 'input[type=submit], input[type=button]';
  for (const el of document.querySelectorAll(inputs)) {
    if (shown(el) && el.value.trim()) out.push(el.value.trim());
  }
  return out;
}
"""


@dataclass
class Screen:
    name: str
    vietnamese: set[str] = field(default_factory=set)
    english: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return len(self.vietnamese) + len(self.english)


def prepare_database() -> dict[str, str]:
    """Return the environment of a migrated database holding the demo."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="marketplace.settings.dev",
        DATABASE_URL=f"sqlite:///{DATABASE}",
        MEDIA_ROOT=str(WORK_DIR / "media"),
        REDIS_URL="",
        ELASTICSEARCH_URL="",
    )
    if not DATABASE.exists():
        for args in (["migrate", "--noinput", "-v", "0"], ["demo"]):
            subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return env


def serve(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the site did not start")


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def page_ids() -> dict[str, int]:
    """Return the ids the crawl visits: one page of each type, and its parents."""
    from wagtail.models import Page, Site

    from cms import models as cms

    home = Site.objects.get(is_default_site=True).root_page
    ids = {"home": home.pk}
    for model in (
        cms.NewsIndexPage,
        cms.ArticlePage,
        cms.AnnouncementIndexPage,
        cms.AnnouncementPage,
        cms.ReportIndexPage,
        cms.ReportPage,
        cms.ConferenceIndexPage,
        cms.ConferencePage,
        cms.StandardPage,
    ):
        page = model.objects.order_by("pk").first()
        if page is not None:
            ids[model._meta.model_name] = page.pk
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    ids["image"] = get_image_model().objects.order_by("pk").first().pk
    ids["document"] = get_document_model().objects.order_by("pk").first().pk
    # The moderator reviews one article; the editor schedules another (an
    # article in moderation is locked: no publish menu, no scheduling).
    articles = list(cms.ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    ids["articlepage_review"] = articles[1]
    ids["articlepage"] = articles[0]
    assert Page.objects.filter(pk=ids["articlepage"]).exists()
    return ids


def moderation_start(ids: dict[str, int]) -> int:
    """Submit a second article for moderation as the editor; return its id."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, WorkflowState

    review_id = ids["articlepage_review"]
    state = WorkflowState.objects.filter(status="in_progress", object_id=str(review_id))
    if state.exists():
        return review_id
    editor = get_user_model().objects.get(username=EDITOR[0])
    article = Page.objects.get(pk=review_id).specific
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    return article.pk


def screens_of(ids: dict[str, int], review_id: int) -> list[tuple]:
    """Return (role, name, path, action) for each screen of the crawl."""
    add = "/cms/pages/add/cms/{kind}/{parent}/"
    editor = [
        ("editor", "dashboard", "/cms/", None),
        ("editor", "explorer (landing)", "/cms/pages/", None),
        ("editor", "explorer (home)", f"/cms/pages/{ids['home']}/", None),
        ("editor", "explorer (news)", f"/cms/pages/{ids['newsindexpage']}/", None),
        ("editor", "search", "/cms/pages/search/?q=h%E1%BB%A3p+t%C3%A1c", None),
    ]
    for kind, parent in (
        ("articlepage", "newsindexpage"),
        ("announcementpage", "announcementindexpage"),
        ("reportpage", "reportindexpage"),
        ("conferencepage", "conferenceindexpage"),
        ("standardpage", "home"),
    ):
        editor.append(
            (
                "editor",
                f"create {kind}",
                add.format(kind=kind, parent=ids[parent]),
                None,
            )
        )
    for kind in (
        "articlepage",
        "announcementpage",
        "reportpage",
        "conferencepage",
        "standardpage",
        "newsindexpage",
        "home",
    ):
        editor.append(("editor", f"edit {kind}", f"/cms/pages/{ids[kind]}/edit/", None))
    article = ids["articlepage"]
    editor += [
        ("editor", "publish menu", f"/cms/pages/{article}/edit/", "publish_menu"),
        ("editor", "scheduling dialog", f"/cms/pages/{article}/edit/", "schedule"),
        ("editor", "status panel", f"/cms/pages/{article}/edit/", "status_panel"),
        ("editor", "history", f"/cms/pages/{article}/history/", None),
        ("editor", "images", "/cms/images/", None),
        ("editor", "image edit", f"/cms/images/{ids['image']}/", None),
        ("editor", "image upload", "/cms/images/multiple/add/", None),
        ("editor", "documents", "/cms/documents/", None),
        ("editor", "document edit", f"/cms/documents/edit/{ids['document']}/", None),
        ("editor", "document upload", "/cms/documents/multiple/add/", None),
        ("editor", "account", "/cms/account/", None),
    ]
    moderator = [
        ("moderator", "moderator dashboard", "/cms/", None),
        ("moderator", "review", f"/cms/pages/{review_id}/edit/", "publish_menu"),
        ("moderator", "workflow tasks", "/cms/reports/workflow_tasks/", None),
        ("moderator", "workflows report", "/cms/reports/workflow/", None),
        ("moderator", "moderation history", f"/cms/pages/{review_id}/history/", None),
    ]
    return [("anonymous", "login", "/cms/login/", None), *editor, *moderator]


def act(tab, action: str | None) -> None:
    """Open what a screen hides until clicked (menus, dialogs, side panels)."""
    if action == "publish_menu":
        toggle = tab.locator("footer [data-w-dropdown-target='toggle']").first
        toggle.click()
        tab.wait_for_timeout(400)
    elif action == "status_panel":
        tab.locator("[data-side-panel-toggle='status']").first.click()
        tab.wait_for_timeout(400)
    elif action == "schedule":
        tab.locator("[data-side-panel-toggle='status']").first.click()
        tab.locator(
            "[data-a11y-dialog-show='schedule-publishing-dialog']"
        ).first.click()
        tab.wait_for_timeout(400)


def log_in(tab, base: str, username: str, password: str) -> None:
    tab.context.clear_cookies()
    tab.goto(base + "/cms/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", password)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_load_state("networkidle")


#: Crawl-only additions to ``tests/language_rules.ALLOWED_ON_VIETNAMESE``:
#: words a Vietnamese admin prints as they are ("trang web").
ALLOWED_IN_ADMIN = {"web"}
#: A file name (``bao-cao.pdf``, ``anh.jpg``) is neither language.
FILE_NAME = re.compile(
    r"\S+\.(?:pdf|jpe?g|png|gif|webp|avif|svg|docx?|xlsx?|odt|ods|csv|txt|zip)\b",
    re.IGNORECASE,
)
#: An all-caps acronym (HTX, UBND, PDF, KB, AVIF) is neither language.
ACRONYM = re.compile(r"^[A-Z]{2,5}$")


@dataclass
class Content:
    """What editors typed: its words, and its names shown whole (titles...)."""

    words: set[str]
    names: set[str]
    #: Every stored text, lower-cased, whitespace collapsed, one a line.
    texts: str

    def shows_whole(self, text: str) -> bool:
        """Return whether ``text`` is stored content shown as it is.

        A stored name (or its start cut by "…"), or a longer run of stored
        text (a paragraph of a page's body in the editor): a sentence of the
        admin's own is not found word for word in what editors wrote.
        """
        shown = " ".join(text.split()).lower()
        if shown in self.names:
            return True
        cut = shown.removesuffix("…").rstrip()
        if cut != shown and any(name.startswith(cut) for name in self.names):
            return True
        return len(shown) >= LONG_TEXT and shown in self.texts


#: Characters from which a string found in the stored texts is content.
LONG_TEXT = 25


def content_of() -> Content:
    """Return the stored content: every word, and the names a screen shows whole."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import connection
    from taggit.models import Tag
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Page, Site

    from tests import language_rules as rules

    texts = []
    tables = set(connection.introspection.table_names())
    for label in rules.CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if (
                model._meta.label_lower not in rules.NOT_CONTENT
                and model._meta.db_table in tables
            ):
                texts.extend(rules._texts_of(model))
    for model in {type(page) for page in Page.objects.all().specific()}:
        texts.extend(rules._texts_of(model))
    names = [
        *Page.objects.values_list("title", flat=True),
        *get_image_model().objects.values_list("title", flat=True),
        *get_document_model().objects.values_list("title", flat=True),
        *Tag.objects.values_list("name", flat=True),
        *Collection.objects.values_list("name", flat=True),
        *Site.objects.values_list("site_name", flat=True),
    ]
    for user in get_user_model().objects.all():
        names += [user.get_full_name(), user.get_username()]
    return Content(
        words=rules.content_words(),
        names={" ".join(name.split()).lower() for name in names if name},
        texts="\n".join(
            " ".join(line.split()).lower()
            for text in texts
            for line in text.split("\n")
        ),
    )


def counted_words(text: str, content: Content) -> list[str]:
    """Return the words of ``text`` that belong to a language.

    File names, acronyms and one-letter words are left out, and so is a last
    word cut by "…" (a truncated title: the stub is the start of a stored
    word).
    """
    from tests.language_rules import words

    found = words(FILE_NAME.sub(" ", text))
    if text.endswith("…") and not text[:-1].endswith((" ", "…")) and found:
        stub = found[-1].lower()
        if len(found) > 1 and any(word.startswith(stub) for word in content.words):
            found = found[:-1]
    return [word for word in found if len(word) > 1 and not ACRONYM.match(word)]


def is_glued(word: str) -> bool:
    """Return whether ``word`` is two words written as one.

    A lower-case letter followed by a capital ("lạiModerators"), or a word
    with Vietnamese marks that is no syllable but two ("nhậpcủa",
    "Duyệtvà"): the mark of a translation that glues a placeholder to the
    next word. English words carry no marks, so they never split this way.
    """
    from tests.language_rules import has_vietnamese_letters, is_vietnamese_syllable

    if any(word[i].islower() and word[i + 1].isupper() for i in range(len(word) - 1)):
        return True
    if not has_vietnamese_letters(word) or is_vietnamese_syllable(word):
        return False
    return any(
        is_vietnamese_syllable(word[:cut]) and is_vietnamese_syllable(word[cut:])
        for cut in range(1, len(word))
    )


def glued(text: str, content: Content) -> list[str]:
    """Return the words of ``text`` that are two words glued together.

    Stored words ("VietGAP") are written as their authors wrote them.
    """
    from tests.language_rules import words

    return [
        word
        for word in words(text)
        if word.lower() not in content.words and is_glued(word)
    ]


def classify(text: str, content: Content) -> str | None:
    """Return "vi", "en", or None for a string of neither language.

    A stored name shown whole (a page title, a person) is neither. Otherwise
    a string is English if a word of it is neither a Vietnamese syllable, nor
    on the allowed lists, nor a word of the stored content; and if it has a
    glued word ("Nhập Tên đăng nhậpcủa bạn"): it is not Vietnamese as written.
    """
    from tests.language_rules import ALLOWED_ON_VIETNAMESE, is_vietnamese_syllable

    counted = counted_words(text, content)
    if not counted or content.shows_whole(text):
        return None
    if glued(text, content):
        return "en"
    allowed = ALLOWED_ON_VIETNAMESE | ALLOWED_IN_ADMIN
    foreign = [
        word
        for word in counted
        if not is_vietnamese_syllable(word)
        and word.lower() not in allowed
        and word.lower() not in content.words
    ]
    return "en" if foreign else "vi"


def crawl(base: str, screens: list[tuple], content: Content) -> list[Screen]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox"]
        )
        context = browser.new_context(
            locale="vi-VN", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        tab = context.new_page()
        role = None
        for who, name, path, action in screens:
            if who != role:
                role = who
                tab.context.clear_cookies()
                if who == "editor":
                    log_in(tab, base, *EDITOR)
                elif who == "moderator":
                    log_in(tab, base, *MODERATOR)
            tab.goto(base + path)
            tab.wait_for_load_state("networkidle")
            try:
                act(tab, action)
            except Exception as error:  # a screen that changed: say so, go on
                print(f"  ({name}: could not open {action}: {error})", file=sys.stderr)
            screen = Screen(name)
            for text in tab.evaluate(SHOWN_STRINGS_JS):
                kind = classify(text, content)
                if kind == "vi":
                    screen.vietnamese.add(text)
                elif kind == "en":
                    screen.english.add(text)
            results.append(screen)
        browser.close()
    return results


def report(results: list[Screen], content: Content, *, english: bool) -> None:
    print("| screen | strings | Vietnamese | % |\n| --- | ---: | ---: | ---: |")
    for screen in results:
        share = 100 * len(screen.vietnamese) / max(screen.total, 1)
        vietnamese = len(screen.vietnamese)
        print(f"| {screen.name} | {screen.total} | {vietnamese} | {share:.1f} |")
    total = sum(s.total for s in results)
    vietnamese = sum(len(s.vietnamese) for s in results)
    unique_en = set().union(*(s.english for s in results))
    unique_vi = set().union(*(s.vietnamese for s in results))
    print(
        f"| **all screens** | {total} | {vietnamese} | "
        f"**{100 * vietnamese / max(total, 1):.1f}** |"
    )
    unique = len(unique_en) + len(unique_vi)
    print(
        f"\nDistinct strings over all screens: {unique}, Vietnamese "
        f"{len(unique_vi)} ({100 * len(unique_vi) / max(unique, 1):.1f} %)."
    )
    stuck = sorted({word for text in unique_en for word in glued(text, content)})
    print(f"Glued words (counted as English): {', '.join(stuck) or 'none'}.")
    if english:
        print("\nEnglish strings left (screens that show them):")
        for text in sorted(unique_en):
            where = [s.name for s in results if text in s.english]
            print(f"- {text!r}: {', '.join(where[:3])}{' …' if len(where) > 3 else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--english", action="store_true", help="list English strings")
    parser.add_argument(
        "--screens",
        help="only screens whose name contains one of these (comma-separated)",
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    if args.fresh and DATABASE.exists():
        DATABASE.unlink()
    env = prepare_database()
    django_setup(env)
    ids = page_ids()
    # Submitting for moderation e-mails the moderators (to the console here).
    with contextlib.redirect_stdout(io.StringIO()):
        review_id = moderation_start(ids)
    content = content_of()
    screens = screens_of(ids, review_id)
    if args.screens:
        wanted = args.screens.split(",")
        screens = [s for s in screens if any(w in s[1] for w in wanted)]
    port = free_port()
    server = serve(env, port)
    try:
        results = crawl(f"http://127.0.0.1:{port}", screens, content)
    finally:
        server.terminate()
    report(results, content, english=args.english)


if __name__ == "__main__":
    main()
