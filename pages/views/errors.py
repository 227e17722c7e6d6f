"""The server error page: a database that cannot be reached is a 503 (come back soon), not a 500."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.views import defaults


def database_unavailable(error: BaseException | None) -> bool:
    """
    Whether `error` says the database cannot be reached or cannot answer now.

    The server refused or dropped the connection, a statement timed out, a
    lock was not granted in time: OperationalError or InterfaceError.
    Programming errors (ProgrammingError, IntegrityError...) are not, nor is
    SQLite's OperationalError for a bad statement ("no such table": a
    migration not run), which trying again will not mend.
    """
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    # Only looked up: a PostgreSQL server process never imports sqlite3.
    sqlite3 = sys.modules.get("sqlite3")
    cause = error.__cause__
    return not (
        sqlite3 is not None
        and isinstance(cause, sqlite3.Error)
        and getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_ERROR
    )


# What the 503 tells browsers, crawlers and the proxy: try again after this.
RETRY_AFTER_SECONDS = 60


def server_error(request: HttpRequest) -> HttpResponse:
    """
    settings' handler500. Django calls it while handling the exception, so it can tell which.

    An unreachable database answers 503 with Retry-After: search engines
    keep the page instead of recording an error, and the visitor is told to
    try again. Pages in the page cache are still served meanwhile (a hit
    needs no database). Either way Django logs the traceback.
    """
    if database_unavailable(sys.exc_info()[1]):
        return unavailable(request)
    return defaults.server_error(request)


def unavailable(request: HttpRequest) -> HttpResponse:
    response = defaults.server_error(request, template_name="503.html")
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
