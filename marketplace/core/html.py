"""HTML that users write, cleaned to an allow-list before it is kept or shown.

Product and category descriptions are HTML (Oscar's dashboard edits them with
a rich-text editor, and the demo writes paragraphs). Cooperatives and staff
write them, buyers and moderators read them: anything outside a short list of
formatting tags is dropped, so a description cannot carry a script, an event
handler, a style or a ``javascript:`` link. Wagtail's rich text has its own
whitelist and does not come here.
"""

import nh3

#: The tags a description may use; everything else is dropped (its text kept,
#: except inside script and style, which go whole).
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "ul",
        "ol",
        "li",
        "a",
        "h2",
        "h3",
        "h4",
        "blockquote",
    }
)
#: Only links keep an attribute, and only their target.
ALLOWED_ATTRIBUTES = {"a": {"href"}}
#: Link schemes kept; relative links are dropped too, so a link is always
#: exactly what it says.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Added to every link: no access to this window, no endorsement.
LINK_REL = "noopener nofollow"


def html_sanitise(text: str | None) -> str:
    """Return ``text`` with only the allowed tags, attributes and link schemes.

    Idempotent: cleaning clean HTML returns it unchanged, so it is safe to
    call both when a description is saved and when it is shown.
    """
    if not text:
        return ""
    return nh3.clean(
        str(text),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


def html_highlight_clean(text: str | None) -> str:
    """Return a search highlight with nothing but its ``<mark>`` tags.

    The search backends escape the title and wrap matches in ``<mark>``; this
    checks it again before the page trusts it, so a backend that forgot to
    escape cannot put a product name's markup on the results page.
    """
    if not text:
        return ""
    return nh3.clean(str(text), tags={"mark"}, attributes={}, strip_comments=True)
