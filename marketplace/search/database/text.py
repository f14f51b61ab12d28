"""Text as both database indexes hold and match it: folded words, highlights.

Rows hold " word word …": folded (đ→d, then no marks), lowercased, one
space before each word, so " token" matches the start of a word. A query is
split into the same folded words, and a title shown in the results has the
words matching them in <mark>.
"""

import html
import re

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
