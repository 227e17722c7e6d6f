"""What gunicorn's master loads once, before forking, so that every worker shares it.

With `preload_app`, the master imports the app and forks the workers: pages
the master filled are shared by them until written to. Left alone, each
worker would load the rest (URLconf and views, template libraries, the
translation catalogues, Babel's CLDR data, the Redis client) on its first
requests, into memory of its own: about 7 MiB per worker.

Nothing here opens a connection: a socket inherited by several processes
would mix their conversations. Worker RSS does not change (it counts shared
pages too); their private memory, and so the server's, does.
"""

import gc
from decimal import Decimal
from importlib import import_module

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.template import engines
from django.utils import formats, translation
from django.utils.module_loading import import_string

from pages.formatting import format_money, format_number


def load_shared_state() -> None:
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            formats.get_format("DATE_FORMAT")
            # Babel's CLDR data first: pages.formatting keeps only the number
            # data and frees the rest, which what is loaded next then reuses.
            format_money(Decimal(2_500_000), language)
            format_number(Decimal("1234.5"), language)
    # The URLconf imports every view and what they use (charts, feedback, search).
    import_module(settings.ROOT_URLCONF)
    # Making the template engines imports every app's tag libraries.
    engines.all()
    if any(
        issubclass(import_string(cache["BACKEND"]), RedisCache)
        for cache in settings.CACHES.values()
    ):
        import redis  # noqa: F401 (redis-py itself, which Django imports on first use)

    # Nothing above queries; should that change, a connection made in the
    # master must not be shared by the workers.
    connections.close_all()

    # Last, all of the above lives as long as the workers: frozen, the
    # collector never scans it again nor writes to its objects, so their
    # pages stay shared with the master (see gc.freeze in Python's docs). A
    # full collection then also comes far sooner (its threshold is a share
    # of the objects it scans), so the cyclic garbage of requests (model
    # instances and querysets that point at each other) is freed within a
    # few requests instead of piling up by megabytes in every worker.
    gc.collect()
    gc.freeze()
