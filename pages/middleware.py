"""One log line per request; editors told when a change could not refresh the public pages."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import ngettext

from pages.cache import failed_invalidations

logger = logging.getLogger("engagement.requests")


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
            request.path,
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
