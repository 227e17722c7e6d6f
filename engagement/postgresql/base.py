"""
Django's PostgreSQL backend, skipping new connections for a while after one failed.

A database host that stops answering (a failover, a network fault) makes
each new connection wait DJANGO_DB_CONNECT_TIMEOUT before it fails. Every
uncached request would then hold a sync worker that long, and a few of them
a second would leave no worker free for the cached pages, which need no
database at all. After a connection that failed that slowly, this process
fails new ones at once for DJANGO_DB_RETRY_SECONDS (the request answers 503, a report comes
back to be sent again), then tries again. Per database address, so one that
is down does not stop another.
"""

import logging
import time

from django.conf import settings
from django.db.backends.postgresql import base

from pages.breaker import Breaker

logger = logging.getLogger(__name__)

# A failed connection that took this long waited for a host that does not answer.
SLOW_FAILURE_SECONDS = 1.0
# (host, port, database) -> its breaker, once a connection there failed slowly.
_failed_until: dict[tuple, Breaker] = {}


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        where = (conn_params.get("host"), conn_params.get("port"), conn_params.get("dbname"))
        failed = _failed_until.get(where)
        if failed is not None and failed.is_open():
            raise base.Database.OperationalError(
                "The database did not answer a moment ago; no new connection is tried "
                f"for {settings.DATABASE_RETRY_SECONDS:g}s after a failure."
            )
        started = time.monotonic()
        try:
            return super().get_new_connection(conn_params)
        except base.Database.OperationalError:
            # Only a failure that made the request wait: a refusal, a full
            # server ("too many clients") or a wrong password answers at once
            # and holds no worker, so the next request may as well try.
            if time.monotonic() - started >= SLOW_FAILURE_SECONDS:
                _failed_until.setdefault(where, Breaker("DATABASE_RETRY_SECONDS")).trip()
                logger.warning(
                    "Database unreachable: new connections fail at once for %gs",
                    settings.DATABASE_RETRY_SECONDS,
                )
            raise
