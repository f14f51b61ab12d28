"""Which views the page cache may serve, and what their pages depend on.

Apps register their views by URL name in their ``ready()``; the cache knows
no view of its own.
"""

from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class CachedView:
    """How the pages of one URL name are cached.

    ``namespaces``: what the pages show (each bumped by its app on a change).
    ``params``: the query parameters the view reads. The others are dropped
    before the view runs, so they cannot multiply entries (or, with
    ``unknown="skip"``, the request is not served from the cache at all: for
    views that may read any parameter).
    ``multi``: parameters whose values form a set: their order is ignored.
    ``needs_allow``: the view itself says whether this response may be kept
    (``page_cache_allow``), for views whose pages may be private.
    """

    namespaces: tuple[str, ...]
    params: frozenset[str] = frozenset()
    multi: frozenset[str] = frozenset()
    unknown: str = "drop"
    needs_allow: bool = False


_VIEWS: dict[str, CachedView] = {}


def page_cache_register(
    view_name: str,
    *,
    namespaces: tuple[str, ...],
    params=(),
    multi=(),
    unknown: str = "drop",
    needs_allow: bool = False,
) -> None:
    """Let the page cache serve anonymous GETs of the URL named ``view_name``."""
    if unknown not in ("drop", "skip"):
        raise ValueError(f"unknown must be 'drop' or 'skip', not {unknown!r}")
    _VIEWS[view_name] = CachedView(
        namespaces=tuple(sorted(set(namespaces))),
        params=frozenset(params),
        multi=frozenset(multi),
        unknown=unknown,
        needs_allow=needs_allow,
    )


def cached_view_for(request: HttpRequest) -> CachedView | None:
    """Return the registration of the view ``request`` resolved to, if any."""
    match = getattr(request, "resolver_match", None)
    return _VIEWS.get(match.view_name) if match is not None else None


def cached_view_names() -> list[str]:
    return sorted(_VIEWS)
