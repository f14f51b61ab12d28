"""What counts as a word of the other language on a page, and as stored content.

Shared by ``tests/marketplace/test_languages.py`` (the public pages, in
both languages) and ``benchmarks/admin_language.py`` (the crawl of the
editors' admin screens): a word on a Vietnamese page must have the shape of
a Vietnamese syllable unless it is stored content or on a short list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from marketplace.core import vn_units

#: Words a Vietnamese page may show although they are not Vietnamese
#: syllables. Keep it short: a word belongs here only if a Vietnamese
#: marketplace would print it as is.
ALLOWED_ON_VIETNAMESE = {
    # brands and names of systems
    "htx",
    "ocop",
    "connect",
    "stripe",
    "vietqr",
    "napas",
    "zalo",
    "wagtail",
    # units and currency (vn_units, prices)
    "kg",
    "ml",
    "vnd",
    "km",
    "cm",
    # words Vietnamese uses as they are
    "email",
    "mail",  # "e-mail"
    "online",
    "website",
    "logo",
    "ok",
    "qr",
    "url",
    "rss",
    "atom",
    "pdf",
    "excel",
    "csv",
    "id",
    "mou",
    # language switch: each language is named in itself
    "english",
}

#: Words an English page may show although they carry Vietnamese letters.
ALLOWED_ON_ENGLISH = {
    # the language switch names Vietnamese in Vietnamese
    "tiếng",
    "việt",
    # the currency sign's name is not a word, but "đồng" is the unit
    "đồng",
}

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
# Vowel nuclei of Vietnamese, tone and vowel marks removed (ă, â -> a...).
_NUCLEUS = (
    "(?:uye|uya|uyu|uoi|uou|uay|oai|oay|oeo|ieu|yeu|uoi|"
    "ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|"
    "a|e|i|o|u|y)"
)
_CODA = "(?:ch|ng|nh|c|m|n|p|t|i|y|o|u)?"
SYLLABLE = re.compile(f"^{_ONSET}{_NUCLEUS}{_CODA}$")
WORD = re.compile(r"[^\W\d_]+")
# Addresses and links are not words of either language.
NOT_TEXT = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|/\S*")
VIETNAMESE_LETTER = re.compile("[đĐ]|[^\\x00-\\x7f]")

#: Attributes whose text users meet (screen readers, forms, tooltips, and
#: the label Oscar's buttons take while a form is sent).
SHOWN_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt", "data-loading-text")


def plain(word: str) -> str:
    """Return ``word`` lower-cased without tone or vowel marks (đ -> d)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_vietnamese_syllable(word: str) -> bool:
    """Return whether ``word`` has the shape of a Vietnamese syllable."""
    return bool(SYLLABLE.match(plain(word)))


def has_vietnamese_letters(word: str) -> bool:
    """Return whether ``word`` is written with Vietnamese marks or đ."""
    return any(
        unicodedata.combining(c) or c in "đĐ"
        for c in unicodedata.normalize("NFD", word)
    )


class _ShownText(HTMLParser):
    """Collect the text of a page a visitor reads or hears."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._skipping += 1
            return
        values = dict(attrs)
        self.parts.extend(
            values[name] or "" for name in SHOWN_ATTRIBUTES if name in values
        )
        # A submit input shows its value; a <button>'s value is never shown.
        kind = (values.get("type") or "").lower()
        if tag == "input" and kind in {"submit", "button", "reset"}:
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def shown_text(html: str) -> str:
    """Return the visible text of ``html`` (and the attributes users meet)."""
    parser = _ShownText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def words(text: str) -> list[str]:
    """Return the words of ``text``, links and e-mail addresses left out."""
    return WORD.findall(NOT_TEXT.sub(" ", text))


# --- what counts as stored content -------------------------------------------

#: Apps whose rows are content people typed (products, cooperatives, pages...).
CONTENT_APPS = (
    "catalogue",
    "partner",
    "cooperatives",
    "cms",
    "agreements",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
    "address",
    "order",
)
#: Models of those apps that hold the software's words, not content.
NOT_CONTENT = {
    "order.orderstatuschange",
    "order.paymentevent",
    "order.communicationevent",
}
TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField)


def _texts_of(model) -> Iterator[str]:
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, TEXT_FIELDS) and not f.choices
    ]
    if not fields:
        return
    for row in model._default_manager.all():
        for name in fields:
            value = getattr(row, name)
            # A StreamField's text sits in its raw data; rendering it would
            # need a request (product cards).
            raw = getattr(value, "raw_data", None)
            for text in _leaves(raw) if raw is not None else [str(value or "")]:
                yield shown_text(text) if "<" in text else text


def _leaves(data) -> Iterator[str]:
    """Yield the strings of a StreamField's raw data (values, not block names)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in {"type", "id"}:
                yield from _leaves(value)
    elif isinstance(data, Iterable):
        for value in data:
            yield from _leaves(value)


def content_words() -> set[str]:
    """Return every word of the stored content, lower-cased."""
    texts: list[str] = []
    tables = set(connection.introspection.table_names())
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if (
                model._meta.label_lower not in NOT_CONTENT
                and model._meta.db_table in tables
            ):
                texts.extend(_texts_of(model))
    for model in {type(p) for p in Page.objects.all().specific()}:
        texts.extend(_texts_of(model))
    user_model = get_user_model()
    for user in user_model.objects.all():
        texts.extend([user.get_full_name(), user.email])
    for code, province in vn_units.province_choices():
        texts.append(province)
        texts.extend(name for _, name in vn_units.ward_choices(province_code=code))
    return {word.lower() for text in texts for word in words(text)}


def foreign_words(html: str, *, language: str, content: set[str]) -> list[str]:
    """Return the words of ``html`` that belong to the other language."""
    found = []
    for word in words(shown_text(html)):
        lower = word.lower()
        # One letter is an initial, a size or a sort order ("A - Z").
        if lower in content or len(word) == 1:
            continue
        if language == "vi":
            if is_vietnamese_syllable(word) or lower in ALLOWED_ON_VIETNAMESE:
                continue
        elif not has_vietnamese_letters(word) or lower in ALLOWED_ON_ENGLISH:
            continue
        if word not in found:
            found.append(word)
    return found
