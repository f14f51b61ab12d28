"""Vietnamese text folds to ASCII: search keys and slugs."""

import re

import pytest

from marketplace.core.text import (
    VI_MARKED_LETTERS,
    fold_vi,
    slug_fold_patterns,
    slugify_vi,
)

#: What each letter of VI_MARKED_LETTERS folds to, in the same order.
FOLDED = "a" * 17 + "e" * 11 + "i" * 5 + "o" * 17 + "u" * 11 + "y" * 5 + "d"


def test_every_marked_letter_folds_to_its_base_letter():
    assert len(VI_MARKED_LETTERS) == len(FOLDED) == 67
    assert fold_vi(VI_MARKED_LETTERS) == FOLDED
    assert fold_vi(VI_MARKED_LETTERS.upper()) == FOLDED.upper()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Liên minh HTX tỉnh đôn đốc thực hiện biên bản thỏa thuận kiểm thử",
            "lien-minh-htx-tinh-don-doc-thuc-hien-bien-ban-thoa-thuan-kiem-thu",
        ),
        ("ĐẠI HỘI Hợp tác xã Ỷ Lan", "dai-hoi-hop-tac-xa-y-lan"),
        # Typed with combining marks (Unikey's "Unicode tổ hợp").
        ("Hội nghi\u0323 ta\u0300i", "hoi-nghi-tai"),
    ],
)
def test_slug_of_a_vietnamese_title_keeps_every_letter(title, slug):
    assert slugify_vi(title) == slug


def test_slug_fold_patterns_fold_like_the_server():
    # Applied in order, as Wagtail's slug field applies its formatters.
    text = VI_MARKED_LETTERS + VI_MARKED_LETTERS.upper() + " e\u0323\u0302"
    for pattern, replacement in slug_fold_patterns():
        text = re.sub(pattern, replacement, text)

    assert text == FOLDED + FOLDED.upper() + " e"
