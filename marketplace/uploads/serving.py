"""Answering for uploaded files: safe headers for media, private file responses.

Nothing uploaded is ever served as HTML, SVG or script: images go out inline
as their image type, every other file as an attachment, and always with
``X-Content-Type-Options: nosniff`` so a browser does not guess otherwise.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from .policy import CONTENT_TYPES

#: Extensions served inline from public media (GIF: thumbnails of old uploads).
_INLINE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
}
#: Locks a file opened on its own to nothing, should a browser render it.
_SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def served_type(name: str) -> tuple[str, bool]:
    """Return the content type a stored file goes out as, and whether inline.

    Only images are inline; a file with any other extension goes out as an
    attachment, typed by the policy's list or as opaque bytes.
    """
    extension = posixpath.splitext(name)[1].lower().lstrip(".")
    if extension in _INLINE_TYPES:
        return _INLINE_TYPES[extension], True
    return CONTENT_TYPES.get(extension, "application/octet-stream"), False


def safe_file_headers(response: HttpResponse, name: str) -> HttpResponse:
    """Set the type, disposition and nosniff headers of a stored file."""
    content_type, inline = served_type(name)
    if response.status_code == 200 or response.has_header("Content-Type"):
        response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = _SANDBOX
    response["Content-Disposition"] = content_disposition_header(
        not inline, posixpath.basename(name)
    )
    return response


def private_file_response(*, file: FieldFile) -> HttpResponse:
    """Answer with a private file the caller has already allowed the viewer.

    With PRIVATE_MEDIA_ACCEL_REDIRECT set, the web server sends the file
    (X-Accel-Redirect to its internal location); on object storage, a
    redirect to a short-lived signed URL; otherwise the file is streamed.
    """
    name = file.name
    if not name:
        raise Http404
    content_type, inline = served_type(name)
    disposition = content_disposition_header(not inline, posixpath.basename(name))
    storage = file.storage
    accel = getattr(settings, "PRIVATE_MEDIA_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse()
        response["X-Accel-Redirect"] = f"/{accel.strip('/')}/{quote(name)}"
    else:
        try:
            storage.path(name)
        except NotImplementedError:
            # Object storage: the signed URL says how the file is sent.
            url = storage.url(
                name,
                parameters={
                    "ResponseContentType": content_type,
                    "ResponseContentDisposition": disposition,
                },
            )
            response = HttpResponseRedirect(url)
            response["Cache-Control"] = "private, no-store"
            return response
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
    safe_file_headers(response, name)
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    return response
