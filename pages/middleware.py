"""One log line per request; editors told when a change could not refresh the public pages."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import ngettext

from pages.cache import failed_invalidations
from pages.views.health import healthz

logger = logging.getLogger("engagement.requests")


# A path longer than this is cut in the log (the line says so with "...").
LOGGED_PATH_MAX = 300


def loggable(path: str) -> str:
    """
    The path as one line of plain ASCII: control characters and the rest escaped.

    A path may hold any character once percent-decoded: a line break in it
    would otherwise start a forged log line.
    """
    escaped = path.encode("unicode_escape").decode("ascii")
    if len(escaped) > LOGGED_PATH_MAX:
        return escaped[:LOGGED_PATH_MAX] + "..."
    return escaped


class RequestLogMiddleware:
    """
    Logs `GET /en/countries/mali/ 200 1.2ms cache=hit`.

    The path only: query strings (search terms), IP addresses, user agents
    and bodies can carry personal information and never reach the log.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        duration = (time.perf_counter() - started) * 1000
        logger.info(
            "%s %s %s %.1fms cache=%s",
            request.method,
            loggable(request.path),
            response.status_code,
            duration,
            getattr(request, "page_cache", "-"),
        )
        return response


class CacheRefreshWarningMiddleware:
    """
    After a change that could not start a new page-cache generation, warns whoever made it.

    Edits are POSTs; the warning rides on Django's messages, so it shows on
    the admin page the save redirects to. Placed after MessageMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return self.get_response(request)
        before = failed_invalidations()
        response = self.get_response(request)
        if failed_invalidations() != before and hasattr(request, "_messages"):
            minutes = max(1, -(-settings.PAGE_CACHE_SECONDS // 60))  # rounded up
            messages.warning(
                request,
                ngettext(
                    "Saved, but the public pages could not be refreshed: the cache is "
                    "unreachable. Visitors may see the previous version until it answers "
                    "again, for %(minutes)d minute at most.",
                    "Saved, but the public pages could not be refreshed: the cache is "
                    "unreachable. Visitors may see the previous version until it answers "
                    "again, for %(minutes)d minutes at most.",
                    minutes,
                )
                % {"minutes": minutes},
            )
        return response


class HealthCheckMiddleware:
    """
    Answers `/healthz` before anything reads the Host header.

    Load balancers probe each app server by its own address (AWS: `Host:
    10.0.1.23:8000`), which is not in ALLOWED_HOSTS: past this point Django
    would refuse the probe with a 400 and the balancer would take every
    server out. The answer says nothing that depends on the host. Placed
    after SecurityMiddleware (its headers, and no HTTPS redirect for it).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
