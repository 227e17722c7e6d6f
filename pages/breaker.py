"""After a failure, leave a service alone for a while: one slow failure per window."""

import time

from django.conf import settings


class Breaker:
    """
    Open for `settings.<setting>` seconds after `trip()`, closed otherwise.

    Used for Redis (pages/cache.py: the page cache, invalidations, the report
    limit), for the publication schedule's query, and for new PostgreSQL
    connections (engagement/postgresql/base.py). While a breaker is open its
    callers go on without the service: one request per process and window
    pays the failure (a timeout, often), the others do not wait for it.
    """

    def __init__(self, setting: str = "CACHE_RETRY_SECONDS") -> None:
        self.setting = setting
        self.until = 0.0

    def is_open(self) -> bool:
        return self.until > 0 and time.monotonic() < self.until

    def trip(self) -> None:
        self.until = time.monotonic() + getattr(settings, self.setting)
