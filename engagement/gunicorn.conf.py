"""gunicorn settings: `gunicorn -c engagement/gunicorn.conf.py engagement.wsgi`.

Each value can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import logging
import os
import re

from gunicorn.glogging import Logger

_cores = os.cpu_count() or 1
_shared_cache = bool(os.environ.get("REDIS_URL"))

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The page cache and the report rate limit live in the cache: with the
# local-memory default each process would have its own, so several workers
# need REDIS_URL. Without it, one worker: correct first, then fast.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * _cores if _shared_cache else 1))
# Sync workers: pages are CPU-bound and short; slow clients are the
# TLS-terminating proxy's job (it buffers requests and responses).
worker_class = "sync"
timeout = 30
graceful_timeout = 30
# Load the app once in the master: workers share its memory pages until
# they write to them, and a broken release fails before any worker starts.
preload_app = True
# A worker that has served this many requests is replaced, so a slow leak
# in any library can never grow without bound; the jitter keeps workers
# from restarting together.
max_requests = 20000
max_requests_jitter = 2000
# Heartbeat files in memory, not on a possibly slow disk.
# gunicorn makes its own files there with mkstemp.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# No control socket (gunicorn 27's `gunicornc`): signals and the pid file do
# its job here (README, 'Releasing a new version'), and its default path is
# one per user, which two masters on a host (two servers, or the old and the
# new master of a release) would take from each other.
control_socket_disable = True
# Django logs one line per request (pages/middleware.py); no second access log.
accesslog = None


class AddressFreeLogger(Logger):
    """gunicorn's log, without the address it writes in "Invalid request from ip=..."."""

    _address = re.compile(r"\bip=\S+?(?=: |$)")

    def warning(self, msg, *args, **kwargs) -> None:
        super().warning(self._address.sub("ip=[address]", str(msg)), *args, **kwargs)


logger_class = AddressFreeLogger
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server) -> None:
    # server.cfg: the values in force, command line and GUNICORN_CMD_ARGS included.
    if server.cfg.workers > 1 and not _shared_cache:
        logging.getLogger("gunicorn.error").warning(
            "%s workers with the local-memory cache: each keeps its own page cache and "
            "rate limit. Set REDIS_URL to share them.",
            server.cfg.workers,
        )
    if server.cfg.preload_app:
        # After the app is loaded, before any worker is forked (see the module).
        from engagement.prefork import load_shared_state

        load_shared_state()


def post_fork(server, worker) -> None:
    # In each worker as it starts, before its first request: the page
    # cache's go-live time, if the cache does not know it (a query that a
    # request's budget has no room for; pages/cache.py).
    if server.cfg.preload_app:
        from pages.cache import learn_schedule

        learn_schedule()


def on_reload(server) -> None:
    # SIGHUP. With preload_app the new workers are forked from this master,
    # which keeps the Python code it loaded at start; only templates would be
    # read afresh, beside the old code. A release needs a new master.
    if server.cfg.preload_app:
        logging.getLogger("gunicorn.error").warning(
            "HUP restarts the workers with the code this master loaded at start: a new "
            "release is not picked up. Send USR2 (a new master loads the release), then "
            "TERM to this one; or restart gunicorn. See the README, 'Releasing a new version'."
        )
