"""Views of the project package: health check, favicon, the benchmark's bare view."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.static import serve

from .uploads.serving import safe_file_headers

logger = logging.getLogger("htx.health")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Send browsers that ask for /favicon.ico to the site's icon.

    Temporary (302), kept a day: the static file's hashed name changes with it.
    """
    return HttpResponseRedirect(static("img/favicon-48.png"))


def bare(request: HttpRequest) -> HttpResponse:
    """Return a constant response: the benchmark's yardstick for the full stack."""
    return HttpResponse("ok", content_type="text/plain")


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve local media when no web server or object storage sits in front.

    The embedded default keeps uploads on disk; a production deployment puts
    them behind object storage (MEDIA_S3_BUCKET) or a web server instead.
    Whatever a file's name, it never goes out as HTML or SVG: images inline,
    everything else as an attachment, always with nosniff.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    return safe_file_headers(response, path)
