"""One log line per request: method, path, status, duration and cache outcome."""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

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
