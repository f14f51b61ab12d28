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


#: The Vietnamese letters that carry a mark (lower case), and đ.
VI_MARKED_LETTERS = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)


def slug_fold_patterns() -> list[tuple[str, str]]:
    """Return ``(regex, replacement)`` pairs that fold Vietnamese as ``fold_vi`` does.

    For a slug field's script in the browser (Wagtail's ``SlugInput``
    formatters), which otherwise keeps "ê" but drops "ệ" and spells "đ" as
    "dj". The pairs are built from ``fold_vi`` itself, so the browser and the
    server fold alike; the last pair drops combining marks, which some
    Vietnamese keyboards type after the letter.
    """
    groups: dict[str, list[str]] = {}
    for letter in VI_MARKED_LETTERS + VI_MARKED_LETTERS.upper():
        groups.setdefault(fold_vi(letter), []).append(letter)
    patterns = [(f"[{''.join(letters)}]", base) for base, letters in groups.items()]
    patterns.append(("[\u0300-\u036f]", ""))
    return patterns
