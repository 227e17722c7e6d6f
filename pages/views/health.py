"""`/healthz`: is this app server able to serve? Checks the database and the cache."""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from pages.views.methods import read_only

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: database unavailable")
        return False


def cache_ok() -> bool:
    # A key of its own, written and read back: a cache that accepts writes
    # but returns nothing is down too, and servers probing at once never
    # read each other's value.
    token = secrets.token_hex(8)
    key = f"healthz:{token}"
    try:
        cache.set(key, token, timeout=10)
        found = cache.get(key)
        cache.delete(key)
        return found == token
    except Exception:
        logger.exception("Health check: cache unavailable")
        return False


@never_cache
@read_only
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_ok(), "cache": cache_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            **{name: "ok" if ok else "error" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )
