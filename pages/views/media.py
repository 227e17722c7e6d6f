"""Uploads served by Django with debug on: as images or as downloads, never as HTML."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.utils._os import safe_join

from pages.views.methods import read_only

# The type comes from this list, never from the file's content or a guess
# that could say text/html or image/svg+xml (which can carry script).
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}


@read_only
def serve_upload(request: HttpRequest, path: str) -> FileResponse:
    if not settings.SERVE_MEDIA:
        raise Http404
    # A path outside MEDIA_ROOT raises SuspiciousFileOperation: a 400.
    full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    if not full_path.is_file():
        raise Http404
    content_type = IMAGE_TYPES.get(full_path.suffix.lower())
    if content_type:
        response = FileResponse(full_path.open("rb"), content_type=content_type)
    else:
        response = FileResponse(
            full_path.open("rb"),
            content_type="application/octet-stream",
            as_attachment=True,
            filename=full_path.name,
        )
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Even an image opened on its own gets no script or plugin rights.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


__all__ = ["serve_upload"]
