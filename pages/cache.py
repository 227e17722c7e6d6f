"""Public page cache shared by every app server, invalidated exactly by content changes.

How it stays exact:

- Every cached entry records the content *generation* it was rendered
  under. The generation is a random token in the shared cache (Redis with
  several servers); every save or delete of content sets a new token
  (pages/signals.py), so older entries are never served again, on any
  server. A fresh random token, not a counter, so that two concurrent edits
  can never end on a value that a render already used.
- The generation is read *before* the view touches the database, and set
  again once the editing transaction commits, so a render that read the
  old rows cannot be stored under the new generation.
- Scheduled publishing changes pages without a save: the time of the next
  go-live is kept beside the generation, and the first request after it
  starts a new generation.
- The key holds a fingerprint of the code, templates and catalogues, so a
  deploy never serves pages rendered by the previous release.

With Redis, each app process also keeps the pages it served in its own
memory (`LocalTier`), so a hit costs no round trip. Their generation is
kept current without asking Redis on every request: a new generation is
published on a Redis channel, and every process looks at its subscription,
without waiting, at the start of each request; any message (or a
reconnection) makes it read the generation again. Delivery takes
microseconds, far less than it takes an editor's browser to get an answer
and ask again. Belt and braces: the generation is read from Redis anyway
once a second, so a subscription that went silent (a network fault
without a reset) cannot keep a stale page for longer; and whenever the
subscription is down, requests go to Redis as they would without this
tier.

Compression: an entry holds its body gzipped once, at store time; browsers
(which all accept gzip) get it as it is, with `Vary: Accept-Encoding` and an
ETag of its own: about a quarter of the bytes, and no compression per request.
A client that does not accept gzip gets it unpacked.
Safe from BREACH-style attacks because a cached page holds no secret (no
CSRF token, nothing per visitor); other responses are never compressed here.

What is cached: only responses of views decorated with `cache_public_page`,
to anonymous GET (or HEAD) requests without a query string or session/messages
cookie, answered 200 with no cookie, no `Vary`, no private Cache-Control
and no CSP nonce. Everything per-visitor stays out of the shared copy.
HEAD requests (link checkers, uptime monitors) share the GET's copy: the
view renders the whole page either way, and the app server sends the
headers only.

Campaign links: a query string made only of analytics tags (`utm_source`,
`fbclid`...: TRACKING_PARAMETERS) does not change a page, so it is taken
off the request before anything reads it; the visitor gets the page of the
bare URL, from the cache. Without this, a newsletter or a social-media post
would send every visitor to a full render. Browsers keep the address they
asked for, so analytics scripts still see the tags, and a redirect carries
them on to its target.
"""

import contextlib
import gzip
import hashlib
import logging
import os
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from urllib.parse import parse_qsl

import django
from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.http.request import split_domain_port
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

from pages.breaker import Breaker

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
GO_LIVE_KEY = "pages:next-go-live"
# When the go-live time is unknown (cache restarted), entries live this long
# at most, which bounds how late a scheduled page can appear in lists.
UNKNOWN_SCHEDULE_SECONDS = 60
BYPASS_COOKIES = ("messages",)
# HEAD shares GET's copy: the view renders the same page for both.
CACHEABLE_METHODS = ("GET", "HEAD")
CACHEABLE_ATTRIBUTE = "page_cache_public"
# Analytics tags that links carry and no view reads (matched in any case):
# campaign tags of Google Analytics, Adobe, Matomo and Piwik by prefix, and
# the click identifiers of ad and social platforms and mailing tools.
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")
TRACKING_PARAMETERS = frozenset(
    {
        "dclid",
        "fbclid",
        "gbraid",
        "gclid",
        "gclsrc",
        "igshid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "msclkid",
        "s_cid",
        "ttclid",
        "twclid",
        "wbraid",
        "yclid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
    }
)
# Longer query strings are not parsed on the way to the cache: not a link
# anybody shares.
TRACKING_QUERY_MAX = 1000
REDIRECTS = (301, 302, 303, 307, 308)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis per pool instead of one per call.

    redis.Redis() builds its table of response callbacks on every
    instantiation: about a millisecond of CPU, more than the rest of a cache
    hit. The client is thread-safe and the pool stays per process (redis-py
    checks the pid), so one per pool is enough.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write: bool = False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class ReusedClientRedisCache(RedisCache):
    """Django's RedisCache with ReusedClientRedisCacheClient: settings.CACHES uses it.

    It also publishes new page-cache generations to the processes that keep
    pages in memory (LocalTier).
    """

    def __init__(self, server: str, params: dict) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def channel(self, key: str) -> str:
        """A channel named like the key, so each site (key prefix) has its own."""
        return self.make_key(key)

    def publish(self, key: str, message: str) -> None:
        self._cache.get_client(write=True).publish(self.channel(key), message)

    def subscribe(self, key: str, timeout: float = 1.0):
        """
        A redis-py PubSub subscribed to the key's channel, on a connection of its own.

        Returns once Redis has confirmed the subscription, so that whatever is
        read from Redis afterwards was read while subscribed: a change
        published after that read is seen.
        """
        subscription = self._cache.get_client(write=True).pubsub()
        try:
            subscription.subscribe(self.channel(key))
            deadline = time.monotonic() + timeout
            while True:
                message = subscription.get_message(timeout=max(0.0, deadline - time.monotonic()))
                if message is not None and message["type"] == "subscribe":
                    return subscription
                if time.monotonic() >= deadline:
                    raise TimeoutError("Redis did not confirm the subscription")
        except BaseException:
            subscription.close()
            raise


def page_cache():
    return caches["default"]


# One per cache server and key prefix, shared by the threads of a process
# (Django gives each thread cache objects of its own; runserver starts a
# thread per connection).
_breakers: dict[tuple, Breaker] = {}


def breaker(store: BaseCache) -> Breaker:
    # Django's RedisCache keeps its server URLs in `_servers`; a local-memory
    # cache has none and one breaker per prefix (it never becomes unreachable).
    where = (type(store), tuple(getattr(store, "_servers", ())), store.key_prefix)
    found = _breakers.get(where)
    if found is None:
        found = _breakers.setdefault(where, Breaker())
    return found


class LocalTier:
    """
    This process's copy of the pages it served, and of the generation they belong to.

    `state()` says which generation and go-live time are current, or None
    when this process cannot vouch for them (no subscription): callers then
    ask Redis. Entries are kept while their generation is current, up to
    `max_bytes` of bodies, least recently used first out.
    """

    # How long a generation is trusted without reading it from Redis again.
    CONFIRM_SECONDS = 1.0
    # How long to wait before subscribing again after a failure.
    RETRY_SECONDS = 1.0

    def __init__(self, cache: ReusedClientRedisCache, max_bytes: int) -> None:
        self.cache = cache
        self.max_bytes = max_bytes
        self.pid = os.getpid()
        self.lock = threading.Lock()
        self.subscription = None
        self.generation: str | None = None
        self.go_live: float | None = None
        self.confirmed_at = float("-inf")
        self.retry_at = 0.0
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0

    def state(self) -> tuple[str | None, float | None] | None:
        with self.lock:
            try:
                return self._state()
            except Exception as error:
                logger.warning(
                    "Page cache subscription lost (%r); asking Redis on each request", error
                )
                self.close()
                self.retry_at = time.monotonic() + self.RETRY_SECONDS
                return None

    def _state(self) -> tuple[str | None, float | None] | None:
        now = time.monotonic()
        if self.subscription is None:
            if now < self.retry_at:
                return None
            # Subscribed before reading, so no change can fall in between.
            self.subscription = self.cache.subscribe(GENERATION_KEY, settings.REDIS_TIMEOUT)
            self.expire()
        changed = False
        # Every message counts, the subscription's confirmations included:
        # redis-py subscribes again by itself after a reconnection, and what
        # was published meanwhile is lost.
        while self.subscription.get_message(timeout=0.0) is not None:
            changed = True
        if changed or now - self.confirmed_at >= self.CONFIRM_SECONDS:
            found = self.cache.get_many([GENERATION_KEY, GO_LIVE_KEY])
            self.set_generation(found.get(GENERATION_KEY), found.get(GO_LIVE_KEY))
            self.confirmed_at = now
        return self.generation, self.go_live

    def expire(self) -> None:
        """Read the generation from Redis on the next request."""
        self.confirmed_at = float("-inf")

    def set_generation(self, generation: str | None, go_live: float | None) -> None:
        if generation != self.generation:
            self.entries.clear()
            self.size = 0
        self.generation, self.go_live = generation, go_live

    def get(self, key: str, generation: str) -> tuple | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] != generation:
                return None
            if entry[1] <= time.time():
                # As old as the copy in Redis may get (PAGE_CACHE_SECONDS):
                # this process keeps it no longer, whatever the generation says.
                self.size -= len(entry[-1])
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        size = len(entry[-1])
        with self.lock:
            if entry[0] != self.generation or self.generation is None or size > self.max_bytes:
                return
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old[-1])
            self.entries[key] = entry
            self.size += size
            while self.size > self.max_bytes:
                _key, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted[-1])

    def close(self) -> None:
        subscription, self.subscription = self.subscription, None
        self.set_generation(None, None)
        if subscription is not None:
            # Already broken, maybe: nothing more to do about it.
            with contextlib.suppress(Exception):
                subscription.close()


_local_tiers: dict[tuple, LocalTier] = {}


def local_tier() -> LocalTier | None:
    """This process's LocalTier, when the page cache is Redis and the tier is enabled."""
    cache = page_cache()
    if not isinstance(cache, ReusedClientRedisCache) or settings.PAGE_CACHE_LOCAL_BYTES <= 0:
        return None
    # One per process and Redis channel, whichever thread asks (Django gives
    # each thread a cache object of its own).
    where = (str(settings.CACHES["default"]["LOCATION"]), cache.channel(GENERATION_KEY))
    tier = _local_tiers.get(where)
    if tier is None or tier.pid != os.getpid():
        # First use in this process: a forked worker never reuses its
        # parent's subscription (the socket would be shared).
        tier = _local_tiers[where] = LocalTier(cache, settings.PAGE_CACHE_LOCAL_BYTES)
    return tier


class Stamp:
    """
    A file whose change tells the site's other processes that content changed.

    Only with the local-memory cache (no REDIS_URL), where each process keeps
    its pages and generation to itself: a change made by another process (a
    management command such as `process_images` or `load_demo_content`,
    `manage.py shell`, a second worker) would otherwise not reach a running
    server until its entries expire. A change replaces the file (a new inode
    each time, whatever the file system's clock resolution), writing the
    next go-live time it read if it read one; each process looks at the
    file, one `stat`, at the start of each request, and on a change starts a
    new generation, with that go-live time: no query. With Redis, its pub/sub
    does this job.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.seen = self._read()
        self.warned = False

    def _read(self) -> tuple[int, int] | None:
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_ino, found.st_mtime_ns

    def touch(self, go_live: float | None, exact: bool) -> None:
        """Tell the other processes, with the go-live time read, if any; this one knows already."""
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        known = "-" if go_live is None else repr(float(go_live))
        try:
            temporary.write_text(f"{known} {int(exact)} {secrets.token_hex(4)}")
            os.replace(temporary, self.path)
        except OSError:
            if not self.warned:
                self.warned = True
                logger.warning(
                    "Could not write %s: other processes of this site (management commands, "
                    "other workers) will not see content changes until their pages expire",
                    self.path,
                )
            return
        with self.lock:
            self.seen = self._read()

    def changed(self) -> tuple[float | None, bool] | None:
        """
        None if no other process changed content since this one last looked.

        Else the go-live time it read (None if it read none) and whether
        that time is exact (read after its transaction committed).
        """
        now = self._read()
        with self.lock:
            if now == self.seen:
                return None
            self.seen = now
        try:
            known, exact, _token = self.path.read_text().split()
            return (None if known == "-" else float(known)), exact == "1"
        except (OSError, ValueError):
            return None, False


# By database: None where no stamp can be kept (see local_stamp).
_stamps: dict[str, Stamp | None] = {}


def local_stamp(cache: BaseCache) -> Stamp | None:
    """This process's Stamp of the site's database, with the local-memory `cache`; else None."""
    if not isinstance(cache, LocMemCache):
        return None
    return stamp_for(settings.DATABASES["default"])


def stamp_for(database: dict) -> Stamp | None:
    """The Stamp of the processes using `database` (a settings.DATABASES entry), if any."""
    name = str(database["NAME"])
    where = "|".join(
        str(part)
        for part in (
            settings.BASE_DIR,
            database["ENGINE"],
            database.get("HOST"),
            database.get("PORT"),
            name,
        )
    )
    if where in _stamps:
        return _stamps[where]
    stamp = None
    if name == ":memory:" or "mode=memory" in name or name.startswith("file:memorydb"):
        pass  # An in-memory SQLite database (tests) is this process's alone.
    elif "sqlite" in database["ENGINE"] and not name.startswith("file:"):
        # Beside the database file: the processes that write to it can write
        # there too (SQLite keeps its journal there), and it goes with it.
        stamp = Stamp(Path(f"{name}.pages-stamp"))
    else:
        try:
            # Per user: the temporary directory may be shared.
            directory = tempfile.gettempdir()
        except OSError:
            logger.warning(
                "No usable temporary directory: other processes of this site will not see "
                "content changes until their pages expire"
            )
        else:
            digest = hashlib.blake2b(where.encode(), digest_size=8).hexdigest()
            stamp = Stamp(Path(directory) / f"engagement-pages-{os.getuid()}-{digest}")
    return _stamps.setdefault(where, stamp)


def cache_public_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Let PageCacheMiddleware store this view's 200 responses for anonymous visitors."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    return wrapped


@cache
def code_fingerprint() -> str:
    """A digest of what renders pages, so each release has its own cache keys."""
    digest = hashlib.blake2b(django.__version__.encode(), digest_size=8)
    base = Path(settings.BASE_DIR)
    # engagement/ too: its settings (the CSP header, security headers) are in
    # the stored responses.
    roots = [base / "templates", base / "pages", base / "locale", base / "engagement"]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    files = sorted(
        path
        for root in roots
        if root.is_dir()
        for path in root.rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".xml", ".mo"} and path.is_file()
    )
    for path in files:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    # Hashed static names are written into pages: a new stylesheet, new keys.
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


def next_go_live() -> float:
    """Timestamp of the next scheduled publication, or 0 when none is pending."""
    from django.db.models import Min
    from django.utils import timezone

    from pages.models import CountryPage

    # In a savepoint: should it fail inside an editor's transaction, that
    # transaction stays usable (PostgreSQL aborts it otherwise).
    with transaction.atomic():
        moment = CountryPage.objects.filter(
            status=CountryPage.Status.PUBLISHED, publish_at__gt=timezone.now()
        ).aggregate(next=Min("publish_at"))["next"]
    return moment.timestamp() if moment else 0.0


def new_generation() -> str:
    token = secrets.token_hex(8)
    cache = page_cache()
    cache.set(GENERATION_KEY, token, timeout=None)
    if isinstance(cache, ReusedClientRedisCache):
        # Every process's LocalTier reads the generation again (set first:
        # what they read must already be the new one); this one's without
        # waiting for the message.
        cache.publish(GENERATION_KEY, token)
        for tier in _local_tiers.values():
            tier.expire()
    return token


def first_generation() -> str:
    """The generation, started if there is none (first request, or the cache was emptied)."""
    cache = page_cache()
    token = secrets.token_hex(8)
    if cache.add(GENERATION_KEY, token, timeout=None) and isinstance(cache, ReusedClientRedisCache):
        cache.publish(GENERATION_KEY, token)
    return cache.get(GENERATION_KEY)


def refresh_schedule(exact: bool = True) -> str:
    """
    Record the next go-live time and start a new generation.

    Not `exact` (inside an editor's transaction, before it commits): the
    time read may come from rows that are rolled back after all, so it may
    only bring the recorded time forward, never put it off or clear it. A
    time too early costs one generation too many when it comes, and the
    commit (or that generation) records the exact one.
    """
    record_go_live(page_cache(), next_go_live(), exact)
    return new_generation()


def record_go_live(cache: BaseCache, moment: float, exact: bool) -> None:
    """Record `moment` (0: none pending) as the next go-live time; not `exact`: only earlier."""
    if not exact:
        recorded = cache.get(GO_LIVE_KEY)
        if recorded:
            moment = min(moment, recorded) if moment else recorded
    cache.set(GO_LIVE_KEY, moment, timeout=None)


def content_generation(schedule: bool, exact: bool = True) -> str:
    """
    A new generation after content changed; with `schedule`, the next go-live time read again.

    If the database cannot say when the next page goes live, the generation
    changes all the same (what was cached is out of date either way) and the
    go-live time recorded before stays: at worst a generation too many.
    """
    if schedule:
        try:
            return refresh_schedule(exact)
        except DatabaseError:
            logger.exception("The publication schedule could not be read; new generation anyway")
    return new_generation()


# Content changed while this process could not reach the cache: the new
# generation is owed, and the first request of this process that finds the
# cache reachable again starts it (`settle`). Until then, pages cached before
# the change may be served by any server, for PAGE_CACHE_SECONDS at most.
invalidation_owed = threading.Event()
# Per thread, how many invalidations failed: the admin tells the editor
# whose save it was (pages/middleware.py).
_failures = threading.local()


def failed_invalidations() -> int:
    return getattr(_failures, "count", 0)


def _invalidate(schedule: bool, exact: bool = True) -> None:
    cache = page_cache()
    if not breaker(cache).is_open():
        try:
            content_generation(schedule, exact)
        except Exception:
            # A save must not fail because the cache is down.
            logger.exception("Could not invalidate the page cache")
            breaker(cache).trip()
        else:
            stamp = local_stamp(cache)
            if stamp is not None:
                # The other local-memory processes, with the go-live time read here.
                stamp.touch(cache.get(GO_LIVE_KEY) if schedule else None, exact)
            return
    # A page save with its inlines invalidates dozens of times: with the
    # breaker open, none of them waits for a Redis that does not answer.
    invalidation_owed.set()
    _failures.count = failed_invalidations() + 1


def settle(cache: BaseCache) -> None:
    """Start the generation owed since an invalidation failed, if the cache answers again."""
    if breaker(cache).is_open():
        return
    # Cleared first: an invalidation failing meanwhile (another thread) sets it again.
    invalidation_owed.clear()
    _invalidate(schedule=True)
    if not invalidation_owed.is_set():
        logger.warning("Page cache reachable again: pages changed meanwhile are rendered afresh")


def content_changed(schedule: bool = False) -> None:
    """
    Make every app server render pages afresh.

    Called at once, so that this connection's next request (and tests that
    never commit) sees the change, and again after commit, so that no
    render that read the rows before the commit survives. `schedule` also
    recomputes the next go-live time (country pages only): at once only
    ever earlier (the transaction may still roll back), after the commit
    exactly.
    """
    _invalidate(schedule, exact=False)
    transaction.on_commit(lambda: _invalidate(schedule))


def catch_up(go_live: float | None, exact: bool) -> None:
    """
    Another process changed content (Stamp): a new generation here, with its go-live time.

    No query: the time is the one the other process read (never moving the
    one recorded here later, unless it read it after its commit).
    """
    if go_live is not None:
        record_go_live(page_cache(), go_live, exact)
    new_generation()


def learn_schedule() -> None:
    """
    Record the next go-live time if the cache does not know it.

    Run when a gunicorn worker starts (engagement/gunicorn.conf.py), not in
    a request, whose query budget it would break. Without it, a page that
    goes live before anything is saved waits for entries stored under an
    unknown schedule to expire (UNKNOWN_SCHEDULE_SECONDS).
    """
    cache = page_cache()
    try:
        if cache.get(GO_LIVE_KEY) is None:
            # add, not set: a time an editor's save recorded meanwhile wins.
            cache.add(GO_LIVE_KEY, next_go_live(), timeout=None)
    except Exception:
        logger.warning("The publication schedule could not be read at start", exc_info=True)


class PageCacheMiddleware:
    """Answers cache hits before sessions, CSRF and auth run; stores eligible misses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.prefix = f"page:{code_fingerprint()}:"
        self.bypass_cookies = (settings.SESSION_COOKIE_NAME, *BYPASS_COOKIES)
        # The publication schedule's query, after it failed (go_live_now).
        self.schedule = Breaker()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        tracking = strip_tracking(request)
        response = self.answer(request)
        if tracking and response.status_code in REDIRECTS and "?" not in response["Location"]:
            response["Location"] = f"{response['Location']}?{tracking}"
        return response

    def answer(self, request: HttpRequest) -> HttpResponseBase:
        cache = page_cache()
        if invalidation_owed.is_set():
            settle(cache)
        stamp = local_stamp(cache)
        if stamp is not None and (change := stamp.changed()) is not None:
            # Another process changed content: what this one keeps is out of date.
            catch_up(*change)
        if not self.eligible(request):
            request.page_cache = "bypass"
            return self.get_response(request)
        host = request.get_host()
        if not canonical_host(request, host):
            request.page_cache = "bypass"
            return self.get_response(request)
        address = f"{request.scheme}://{host}{request.path}".encode()
        # Fixed length, whatever the path holds.
        key = self.prefix + hashlib.blake2b(address, digest_size=16).hexdigest()
        if breaker(cache).is_open():
            request.page_cache = "down"
            return self.get_response(request)
        tier = local_tier()
        try:
            generation, go_live, entry = self.lookup(cache, tier, key)
            if go_live and go_live <= time.time() and (fresh := self.go_live_now()):
                generation, go_live = fresh, cache.get(GO_LIVE_KEY)
            elif generation is None:
                generation = first_generation()
            elif entry is not None and entry[0] == generation:
                request.page_cache = "hit"
                return self.replay(request, entry)
        except Exception:
            logger.exception(
                "Page cache unavailable; rendering without it for %ss",
                settings.CACHE_RETRY_SECONDS,
            )
            breaker(cache).trip()
            request.page_cache = "down"
            return self.get_response(request)

        request.page_cache = "miss"
        response = self.get_response(request)
        if not self.storable(request, response):
            request.page_cache = "skip"
            return response
        content = response.content
        response.headers["ETag"] = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
        # Browsers may keep the page but must ask again: edits show at once,
        # and an unchanged page costs a 304.
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Accept-Encoding"])
        compressed = compress_string(content)
        gzipped = len(compressed) < len(content)
        timeout = settings.PAGE_CACHE_SECONDS if go_live is not None else UNKNOWN_SCHEDULE_SECONDS
        entry = (
            generation,
            time.time() + timeout,  # when it expires, here as in Redis
            response.status_code,
            list(response.headers.items()),
            gzipped,
            compressed if gzipped else content,
        )
        try:
            cache.set(key, entry, timeout=timeout)
        except Exception:
            logger.exception("Could not store a page in the cache")
            breaker(cache).trip()
        if tier is not None:
            tier.put(key, entry)
        if gzipped and accepts_gzip(request):
            send_gzipped(response, compressed)
        return conditional(request, response)

    def go_live_now(self) -> str | None:
        """
        A scheduled page's time has come: the new generation, or None if the database failed.

        Then what the cache holds is served as it is (a page due to go live
        cannot be rendered without the database anyway), and this process
        asks the database again after CACHE_RETRY_SECONDS, not on every hit
        (a hung database would make each wait for its connect timeout). The
        cache itself answered, so its breaker stays closed.
        """
        if self.schedule.is_open():
            return None
        try:
            return refresh_schedule()
        except DatabaseError:
            logger.exception("The publication schedule could not be read; serving the cache as is")
            self.schedule.trip()
            return None

    @staticmethod
    def lookup(cache, tier: LocalTier | None, key: str) -> tuple:
        """(generation, go-live time, entry), from this process's memory when it can vouch."""
        state = tier.state() if tier is not None else None
        if state is None:
            found = cache.get_many([GENERATION_KEY, GO_LIVE_KEY, key])
            return found.get(GENERATION_KEY), found.get(GO_LIVE_KEY), found.get(key)
        generation, go_live = state
        if generation is None:
            return None, go_live, None
        entry = tier.get(key, generation)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                tier.put(key, entry)
        return generation, go_live, entry

    def eligible(self, request: HttpRequest) -> bool:
        if not settings.PAGE_CACHE_ENABLED or request.method not in CACHEABLE_METHODS:
            return False
        if request.META.get("QUERY_STRING"):
            return False
        cookies = request.COOKIES
        return not any(name in cookies for name in self.bypass_cookies)

    @staticmethod
    def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
        if not getattr(response, CACHEABLE_ATTRIBUTE, False):
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Vary"):
            # Cookie (session or CSRF token used) or Accept-Language: not one copy for all.
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return False
        nonce = getattr(request, "_csp_nonce", None)
        if nonce:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        session = getattr(request, "session", None)
        return not (session is not None and session.accessed)

    @staticmethod
    def replay(request: HttpRequest, entry: tuple) -> HttpResponseBase:
        _generation, _expires, status, headers, gzipped, body = entry
        response = HttpResponse(status=status, headers=dict(headers))
        if gzipped and accepts_gzip(request):
            send_gzipped(response, body)
        else:
            response.content = gzip.decompress(body) if gzipped else body
        return conditional(request, response)


DEFAULT_PORTS = {"http": "80", "https": "443"}


def canonical_host(request: HttpRequest, host: str) -> bool:
    """
    Whether `host` is written one of the few ways a page may be stored under.

    Django accepts any spelling of an allowed host (`WWW.Example.ca`, a
    trailing dot, any port), and each spelling would be a key of its own:
    anyone could fill the cache with copies. Those spellings get the page
    rendered, and nothing stored. Allowed: lower case, no trailing dot, and
    no port, the scheme's own (a proxy sending `Host: example.ca:443`), or
    the port the server listens on where it knows it: over TCP. Over a unix
    socket gunicorn takes SERVER_PORT from the Host header itself (and
    leaves REMOTE_ADDR empty), so there it proves nothing.
    """
    if host != host.lower() or host.endswith("."):
        return False
    _domain, port = split_domain_port(host)
    if not port or port == DEFAULT_PORTS.get(request.scheme):
        return True
    meta = request.META
    return bool(meta.get("REMOTE_ADDR")) and port == meta.get("SERVER_PORT")


def tracking_only(query: str) -> bool:
    """Whether every parameter of `query` is an analytics tag (TRACKING_PARAMETERS)."""
    if len(query) > TRACKING_QUERY_MAX:
        return False
    names = [name.lower() for name, _value in parse_qsl(query, keep_blank_values=True)]
    return bool(names) and all(
        name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES) for name in names
    )


def strip_tracking(request: HttpRequest) -> str:
    """
    Take a query string of analytics tags only off a GET or HEAD; return it, or "".

    Views, templates and the cache then see the bare URL, so the page
    rendered (and stored) is the bare URL's, with no visitor's tags in it.
    """
    query = request.META.get("QUERY_STRING", "")
    if (
        not query
        or not settings.PAGE_CACHE_ENABLED
        or request.method not in CACHEABLE_METHODS
        or not tracking_only(query)
    ):
        return ""
    request.META["QUERY_STRING"] = ""
    # Whether or not something has read request.GET already.
    request.GET = QueryDict()
    return query


def send_gzipped(response: HttpResponse, compressed: bytes) -> None:
    response.content = compressed
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(compressed))
    # Another representation, another validator (RFC 9110, 8.8.3).
    response.headers["ETag"] = response.headers["ETag"][:-1] + '-gzip"'


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """The response, or a 304 when the browser's copy (If-None-Match) is current."""
    return (
        get_conditional_response(request, etag=response.headers["ETag"], response=response)
        or response
    )


def accepts_gzip(request: HttpRequest) -> bool:
    """Whether Accept-Encoding allows gzip: named with a non-zero quality, or by `*`."""
    star = False
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, *parameters = (item.strip().lower() for item in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if coding == "gzip":
            return quality > 0
        if coding == "*":
            star = quality > 0
    return star
