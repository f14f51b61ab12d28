"""Template context of a page being stored: placeholders, not this visitor's values."""

from .middleware import page_cache_storing
from .parts import placeholder


def page_cache(request) -> dict:
    if not page_cache_storing(request):
        return {}
    return {"csrf_token": placeholder("csrf")}
