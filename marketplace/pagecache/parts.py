"""The per-visitor parts of a cached page, filled in on every request.

A stored page holds a placeholder for each part: the CSRF token, the CSP
nonce, and the regions apps register (the basket count, the messages). The
placeholders are derived from ``SECRET_KEY``, so no visitor can type one into
a search box and have it filled in.
"""

import re
from collections.abc import Callable
from functools import cache

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.crypto import salted_hmac

_PARTS: dict[str, Callable[..., str]] = {}
#: Parts that differ per signed-in user only: the same for every anonymous
#: visitor, so rendered into the anonymous visitors' stored page.
_PER_USER: set[str] = set()
#: A part's argument (an id, a slug): it is written into the stored page.
_ARGUMENT = re.compile(r"[A-Za-z0-9-]{1,64}")


@cache
def placeholder(name: str) -> str:
    """Return the placeholder of part ``name``: letters and digits only."""
    return "pc" + salted_hmac("marketplace.pagecache", name).hexdigest()[:24]


def page_part_register(
    name: str, render: Callable[..., str], *, per_user_only: bool = False
) -> None:
    """Register a region of the page that is rendered per visitor.

    ``render(request, argument, context=None)`` returns the region's HTML
    (already escaped); ``argument`` is the one the template gave (an id or a
    slug), or None; ``context`` is the page's template context when the part
    is rendered with the page (not filled in later), to reuse what the view
    fetched. Templates show it with ``{% page_part name [argument] %}``.
    ``per_user_only``: the region is the same for every anonymous visitor
    (a signed-in user's own wish lists, say), so their stored page keeps it.
    """
    _PARTS[name] = render
    if per_user_only:
        _PER_USER.add(name)
    else:
        _PER_USER.discard(name)


def page_part_is_per_user_only(name: str) -> bool:
    return name in _PER_USER


def page_part_render(
    name: str, request: HttpRequest, argument=None, *, context=None
) -> str:
    """Render part ``name``; ``context``: the page's, when rendered inline."""
    argument = None if argument is None else str(argument)
    return _PARTS[name](request, argument, context=context)


def page_part_placeholder(name: str, argument=None) -> str:
    """Return the placeholder of part ``name`` with ``argument`` in it."""
    if argument is None:
        return placeholder(name)
    argument = str(argument)
    if not _ARGUMENT.fullmatch(argument):
        raise ValueError(f"A page part's argument is an id or a slug: {argument!r}")
    return f"{placeholder(name)}_{argument}_"


def _nonce(request: HttpRequest) -> str:
    # Reading request.csp_nonce makes django-csp put the same nonce in the
    # header.
    return str(request.csp_nonce)


_BUILT_IN = {"csrf": get_token, "nonce": _nonce}


def fill(request: HttpRequest, content: bytes) -> bytes:
    """Return ``content`` with this visitor's value in every placeholder."""
    for name, render in _BUILT_IN.items():
        marker = placeholder(name).encode()
        if marker in content:
            content = content.replace(marker, render(request).encode())
    for name, render in _PARTS.items():
        marker = placeholder(name).encode()
        if marker not in content:
            continue
        pattern = re.compile(re.escape(marker) + rb"(?:_([A-Za-z0-9-]{1,64})_)?")
        content = pattern.sub(
            lambda match, render=render: render(
                request, match[1].decode() if match[1] else None
            ).encode(),
            content,
        )
    return content


def without_nonce(request: HttpRequest, content: bytes) -> bytes:
    """Return ``content`` with the nonce this render used as its placeholder."""
    # django-csp's lazy nonce is falsy until a template has read it.
    nonce = getattr(request, "csp_nonce", None)
    if not nonce:
        return content
    return content.replace(str(nonce).encode(), placeholder("nonce").encode())
