"""Vietnamese text helpers shared by slugs and search."""

import unicodedata

from django.utils.text import slugify

_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def fold_vi(value: str) -> str:
    """Return ``value`` without Vietnamese diacritics ("Thạch đen" -> "Thach den").

    đ/Đ is a letter of its own, not a letter with a combining mark, so NFD
    leaves it alone: map it first, then drop the combining marks.
    """
    decomposed = unicodedata.normalize("NFD", value.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def slugify_vi(value: str, allow_unicode: bool = False) -> str:
    """Return an ASCII slug for a Vietnamese name ("Na Chi Lăng" -> "na-chi-lang").

    Oscar calls this as its ``OSCAR_SLUG_FUNCTION``; ``allow_unicode`` is
    accepted for that signature and ignored, because slugs here are ASCII.
    """
    return slugify(fold_vi(str(value)))
