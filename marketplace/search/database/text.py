"""Text as both database indexes hold and match it: folded words, highlights.

Rows hold " word word …": folded (đ→d, then no marks), lowercased, one
space before each word, so " token" matches the start of a word. A query is
split into the same folded words, and a title shown in the results has the
words matching them in <mark>. News and listings rank alike: a title that
starts with or contains the query first (``title_bonus``); on SQLite every
word must start a word of the row (``folded_match``).
"""

import html
import re

from django.db.models import Case, Expression, Q, Value, When

from marketplace.core.text import fold_vi

#: The PostgreSQL text-search configuration (unaccent), created by
#: migration 0002.
TS_CONFIG = "htx_vi"


def fold_for_index(*parts: str) -> str:
    """Return " word word …": folded, lowercased, one space before each word."""
    words = re.findall(r"\w+", fold_vi(" ".join(parts)).lower())
    return " " + " ".join(words) + " "


def query_words(text: str) -> list[str]:
    """Return the folded, lowercased words of a query, as the index holds them."""
    return re.findall(r"\w+", fold_vi(text).lower())


def highlight(title: str, text: str) -> str:
    """Return ``title`` escaped, with the words matching ``text`` in <mark>.

    Words match when their folded forms are equal or the title's word starts
    with the query's (type-ahead), whatever the accents.
    """
    words = set(query_words(text))
    if not words:
        return html.escape(title)
    out = []
    for token in re.split(r"(\w+)", title):
        folded = fold_vi(token).lower()
        if (
            token
            and re.fullmatch(r"\w+", token)
            and any(
                folded == w or (len(w) >= 2 and folded.startswith(w)) for w in words
            )
        ):
            out.append(f"<mark>{html.escape(token)}</mark>")
        else:
            out.append(html.escape(token))
    return "".join(out)


def title_bonus(words: list[str]) -> Case:
    """Return 4 when ``folded_title`` starts with the query's words, 2 when it
    contains them in that order, else 0."""
    phrase = " " + " ".join(words)
    return Case(
        When(folded_title__startswith=phrase, then=Value(4.0)),
        When(folded_title__contains=phrase, then=Value(2.0)),
        default=Value(0.0),
    )


def folded_match(words: list[str]) -> tuple[Q, Expression]:
    """Return (every word starts a word of ``folded_text``, one point per word
    starting a word of ``folded_title``): SQLite's match and rank."""
    condition = Q()
    rank = Value(0.0)
    for word in words:
        condition &= Q(folded_text__contains=" " + word)
        rank = rank + Case(
            When(folded_title__contains=" " + word, then=Value(1.0)),
            default=Value(0.0),
        )
    return condition, rank
