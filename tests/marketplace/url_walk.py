"""Every URL pattern of the project, and a path that reaches each one.

Walks Django's resolver recursively (the project's URLs, Oscar's, Wagtail's
admin, Django's admin, the feeds...), so a new pattern anywhere shows up in
the access matrix without anyone listing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre
from re import _parser as sre_parse

from django.urls import URLPattern, URLResolver, get_resolver

#: A primary key no row has; sampled digits use it.
MISSING_DIGITS = "987654"


@dataclass(frozen=True)
class UrlPattern:
    #: What the matrix calls it: the namespaced name, or the route when the
    #: name is missing or shared by several patterns.
    key: str
    #: The full route, every level's pattern joined.
    route: str
    #: The namespaced name (None for unnamed patterns).
    name: str | None
    #: Each level's regular expression, outermost first.
    regexes: tuple[str, ...]


def url_patterns() -> list[UrlPattern]:
    """Return every URL pattern the project answers, keyed for the matrix."""
    found: list[tuple[str, str | None, tuple[str, ...]]] = []

    def walk(resolver, route: str, namespaces: tuple[str, ...], regexes):
        for pattern in resolver.url_patterns:
            level = (*regexes, pattern.pattern.regex.pattern)
            full = route + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = (
                    (*namespaces, pattern.namespace)
                    if pattern.namespace
                    else namespaces
                )
                walk(pattern, full, inner, level)
            elif isinstance(pattern, URLPattern):
                name = ":".join((*namespaces, pattern.name)) if pattern.name else None
                found.append((full, name, level))

    walk(get_resolver(), "", (), ())
    names = [name for _, name, _ in found]
    return [
        UrlPattern(
            key=name if name and names.count(name) == 1 else route,
            route=route,
            name=name,
            regexes=regexes,
        )
        for route, name, regexes in found
    ]


def sample_path(pattern: UrlPattern) -> str:
    """Return a path matching the pattern, with a missing id wherever one goes."""
    return "/" + "".join(_sample(sre_parse.parse(regex)) for regex in pattern.regexes)


def _sample(parsed) -> str:
    out = []
    for op, av in parsed:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.NOT_LITERAL:
            out.append("y" if chr(av) == "x" else "x")
        elif op is sre.ANY:
            out.append("x")
        elif op is sre.IN:
            out.append(_sample_in(av))
        elif op is sre.CATEGORY:
            out.append(_sample_category(av))
        elif op is sre.BRANCH:
            out.append(_sample(av[1][0]))
        elif op is sre.SUBPATTERN:
            out.append(_sample(av[-1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            one = _sample(sub)
            if one.isdigit() and high >= len(MISSING_DIGITS):
                out.append(MISSING_DIGITS)
            else:
                out.append(one * max(low, 1 if high >= 1 else 0))
        # AT (anchors) and assertions add nothing.
    return "".join(out)


def _sample_in(items) -> str:
    for op, av in items:
        if op is sre.NEGATE:
            return "x"
        if op is sre.LITERAL:
            return chr(av)
        if op is sre.RANGE:
            return "9" if av == (ord("0"), ord("9")) else chr(av[0])
        if op is sre.CATEGORY:
            return _sample_category(av)
    return "x"


def _sample_category(category) -> str:
    if category in (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT):
        return "9"
    if category in (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE):
        return " "
    return "x"


def regex_matches(pattern: UrlPattern, path: str) -> bool:
    """Return whether ``path`` is one the pattern's levels match, in order."""
    rest = path.lstrip("/")
    for regex in pattern.regexes:
        match = re.compile(regex).search(rest)
        if not match:
            return False
        rest = rest[match.end() :]
    return True
