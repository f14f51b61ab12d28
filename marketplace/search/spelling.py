"""Vietnamese spelling as typed: whether diacritics were typed, and exact words.

A buyer who types "chè" (tea) means tea, not "chế biến" (processed): a match
spelt with the same diacritics ranks above any match that is only equal once
the diacritics are folded away. "Exact" still forgives what is not spelling:
letter case, Unicode composition, and where the tone mark sits in "oa", "oe"
and "uy" ("hòa" and "hoà", "thủy" and "thuỷ" are the same word in the old and
the new placement).
"""

import re
import unicodedata

from marketplace.core.text import fold_vi

#: Old tone placement -> new, so both spellings of a word compare equal. The
#: Elasticsearch exact analyzer applies the same mapping (``analysis.py``).
TONE_PLACEMENT: dict[str, str] = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}  # fmt: skip

_PLACEMENT = re.compile("|".join(map(re.escape, TONE_PLACEMENT)))


def has_diacritics(text: str) -> bool:
    """Return whether ``text`` carries any Vietnamese diacritic (đ included)."""
    return fold_vi(text) != text


def exact_words(text: str) -> list[str]:
    """Return the words of ``text`` lowercased, composed, one tone placement."""
    composed = unicodedata.normalize("NFC", text).lower()
    return re.findall(r"\w+", _PLACEMENT.sub(lambda m: TONE_PLACEMENT[m[0]], composed))


def exact_for_index(*parts: str) -> str:
    """Return " word word …" of ``parts`` as ``exact_words`` spells them."""
    return " " + " ".join(exact_words(" ".join(parts))) + " "
