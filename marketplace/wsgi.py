"""WSGI entry point; production settings unless DJANGO_SETTINGS_MODULE is set."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.production")

application = get_wsgi_application()


def _freeze_loaded_objects() -> None:
    """Keep the loaded app out of the garbage collector's full passes.

    A worker holds some 200,000 long-lived objects (models, URL patterns,
    templates, Oscar's and Wagtail's registries). Every full collection walked
    them all, about 250 ms on a small machine, once in every 30 to 100
    requests: most of the store's p99. Loading the URL map first brings in
    the views; freezing moves everything loaded so far out of the collector's
    view (it is never freed anyway).
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports every view)
    gc.collect()
    gc.freeze()


_freeze_loaded_objects()
