"""User HTML is cleaned to a short allow-list, on save and on display."""

import pytest
from django.template import Context, Template

from marketplace.core.html import html_highlight_clean, html_sanitise


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<script>alert(1)</script>Na ngon", "Na ngon"),
        ("<p>Na<script src=//evil.test/x.js></script></p>", "<p>Na</p>"),
        ('<img src="x" onerror="alert(1)">Na', "Na"),
        ('<p onclick="alert(1)">Na</p>', "<p>Na</p>"),
        ('<a href="javascript:alert(1)">Na</a>', '<a rel="noopener nofollow">Na</a>'),
        (
            '<a href="JaVa&#x09;ScRiPt:alert(1)">Na</a>',
            '<a rel="noopener nofollow">Na</a>',
        ),
        (
            '<a href="data:text/html,<script>alert(1)</script>">Na</a>',
            '<a rel="noopener nofollow">Na</a>',
        ),
        ('<a href="/shop/">Na</a>', '<a rel="noopener nofollow">Na</a>'),
        ("<svg onload=alert(1)><circle /></svg>Na", "Na"),
        ('<iframe src="https://evil.test"></iframe>Na', "Na"),
        ('<p style="background:url(javascript:alert(1))">Na</p>', "<p>Na</p>"),
        ("<style>body{display:none}</style>Na", "Na"),
        ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""),
        ("<!-- <script>alert(1)</script> -->Na", "Na"),
        ('<form action="https://evil.test"><input name=q></form>Na', "Na"),
        ('<object data="x.swf"></object><embed src="x.swf">Na', "Na"),
        ('<p class="x" id="y">Na</p>', "<p>Na</p>"),
    ],
)
def test_sanitise_removes_what_could_run_or_restyle(dirty, clean):
    assert html_sanitise(dirty) == clean


@pytest.mark.parametrize(
    "kept",
    [
        "<p>Na <strong>dai</strong>, <em>ngọt</em>, <b>b</b> <i>i</i> <u>u</u></p>",
        "<h2>Giới thiệu</h2><h3>Cách dùng</h3><h4>Bảo quản</h4>",
        "<ul><li>một</li></ul><ol><li>hai</li></ol>",
        "<blockquote>Ngon</blockquote><p>a<br>b</p>",
        '<a href="https://htx.example.vn/na" rel="noopener nofollow">Na</a>',
        '<a href="http://htx.example.vn" rel="noopener nofollow">Na</a>',
        '<a href="mailto:htx@example.vn" rel="noopener nofollow">Thư</a>',
        "Na &amp; hồng &lt;3",
    ],
)
def test_sanitise_keeps_formatting_unchanged(kept):
    assert html_sanitise(kept) == kept


def test_sanitise_sets_link_rel_and_drops_other_attributes():
    dirty = '<a href="https://htx.example.vn" target="_blank" rel="opener">Na</a>'

    assert html_sanitise(dirty) == (
        '<a href="https://htx.example.vn" rel="noopener nofollow">Na</a>'
    )


def test_sanitise_escapes_plain_text_and_is_idempotent():
    once = html_sanitise("Na < 5 kg & ngon")

    assert once == "Na &lt; 5 kg &amp; ngon"
    assert html_sanitise(once) == once
    assert html_sanitise(None) == ""
    assert html_sanitise("") == ""


def test_sanitised_filter_cleans_at_render_and_is_not_escaped_again():
    template = Template("{% load html_tags %}{{ text|sanitised }}")

    html = template.render(
        Context({"text": "<p>Na <b>ngon</b></p><script>alert(1)</script><img src=x>"})
    )

    assert html == "<p>Na <b>ngon</b></p>"


def test_highlight_clean_keeps_only_mark_and_escaped_text():
    assert html_highlight_clean("<mark>Na</mark> &lt;b&gt;") == (
        "<mark>Na</mark> &lt;b&gt;"
    )
    assert html_highlight_clean('<mark onclick="x">Na</mark><script>1</script>') == (
        "<mark>Na</mark>"
    )
    assert html_highlight_clean("<b>Na</b><img src=x onerror=alert(1)>") == "Na"
