"""Settings for the engagement site, read from the environment (see README)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_count(name: str, default: int = 0) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number (0 or more), not {value!r}.")
    return int(value)


def env_seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip() or str(default)
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 3600:
        raise ImproperlyConfigured(f"{name} must be a number of seconds above 0, not {value!r}.")
    return seconds


DEBUG = env_bool("DJANGO_DEBUG", True)

# The local key is one that `check --deploy` rejects, so production cannot
# run on it by accident; without debug, a real key is required.
INSECURE_LOCAL_KEY = "django-insecure-local-only-key-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0 "
            "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = INSECURE_LOCAL_KEY
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for DJANGO_DEBUG=0: use at least 50 random characters."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG=0 (comma-separated host names)."
    )

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Not django.contrib.postgres: search (pages/search.py) imports its
    # expressions on PostgreSQL when it needs them, and uses none of what the
    # app adds (lookups, hstore/citext handlers); installed, it was about
    # 0.4 MiB in every server process (psycopg2 alone about 4 MiB, on SQLite).
    # Page history: every admin save of a page and its inlines, restorable.
    "reversion",
    # Admin login throttling (see AXES_* below).
    "axes",
    "pages",
]

MIDDLEWARE = [
    # Outermost, so its duration covers everything, cache hits included.
    "pages.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the Host header: balancers probe by address.
    "pages.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and auth: a cache hit answers without them, and
    # a miss is stored only after all of them have had their say.
    "pages.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: an editor whose save could not refresh the public pages is told.
    "pages.middleware.CacheRefreshWarningMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its response.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): 5 failures for one username from one address
# lock that pair for 15 minutes. Username and address together, so nobody can
# lock an editor out from elsewhere by guessing at their name. Failures are
# kept in the database, shared by every app server. The address is the one
# the report rate limit counts by (pages/client_address.py).
AUTHENTICATION_BACKENDS = [
    "pages.login_throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/pages/lockout.html"
AXES_VERBOSE = False
# No record of each sign-in (address, browser, time) kept for ever: only the
# failures the lock needs, deleted once they are older than the cool-off.
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "pages.client_address.client_address"


# How many proxies of our own (load balancer, TLS terminator) stand in front
# of the app servers and append to X-Forwarded-For. 0: the visitor's address
# is REMOTE_ADDR (direct connections, or the PROXY protocol).
TRUSTED_PROXY_COUNT = env_count("DJANGO_TRUSTED_PROXY_COUNT")

ROOT_URLCONF = "engagement.urls"
WSGI_APPLICATION = "engagement.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith((".postgresql", ".postgis")):
    # No GSSAPI (Kerberos) transport encryption unless DATABASE_URL asks for
    # it (`?gssencmode=prefer` or `require`): libpq's default, "prefer", loads
    # the Kerberos libraries and tries a GSS handshake on every connection,
    # about 1.8 MiB per server process for nothing where Kerberos is not used.
    # TLS (`sslmode`) is unaffected.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("gssencmode", "disable")
    # libpq waits for a database server that does not answer for as long as
    # TCP lets it (minutes): a hung database host would hold every worker
    # until gunicorn kills it. This many seconds instead (libpq's minimum is
    # 2; 0 waits forever); a `?connect_timeout=` in DATABASE_URL wins.
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env_count("DJANGO_DB_CONNECT_TIMEOUT", 5)
    )
    # Django's backend, but after a failed connection, new ones fail at once
    # for DATABASE_RETRY_SECONDS (engagement/postgresql/base.py).
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["ENGINE"] = "engagement.postgresql"
DATABASE_RETRY_SECONDS = env_seconds("DJANGO_DB_RETRY_SECONDS", 5)

REDIS_URL = os.environ.get("REDIS_URL", "")
# How long a Redis call may take before it counts as failed (connecting, or
# waiting for an answer). Redis answers in well under a millisecond on a
# local network; redis-py's own default, 5 s, would let a Redis that hangs
# hold every worker for seconds per request.
REDIS_TIMEOUT = env_seconds("DJANGO_REDIS_TIMEOUT", 0.5)
# After a failed call, how long each process goes on without the cache
# before it tries again (pages/breaker.py).
CACHE_RETRY_SECONDS = env_seconds("DJANGO_CACHE_RETRY_SECONDS", 5)
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, minus a costly client per call (pages/cache.py).
            "BACKEND": "pages.cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "engagement"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
    }
else:
    # Per process: fine for `make run` and one gunicorn worker; several
    # workers or servers need REDIS_URL (engagement/gunicorn.conf.py says so).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Public pages (pages/cache.py): how long an entry may live at most. Content
# changes invalidate at once; the timeout only bounds what a lost
# invalidation (cache unreachable during a save) could leave stale.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)
# With Redis, each process also keeps the pages it serves in its own memory,
# up to this many bytes (gzipped bodies), kept current by Redis pub/sub; 0 turns it off.
PAGE_CACHE_LOCAL_BYTES = env_count("DJANGO_PAGE_CACHE_LOCAL_BYTES", 4 * 1024 * 1024)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The first language is the default one.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Never show English silently under a French URL: the views decide what a
# missing translation looks like.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ()}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
# Every app server must see the same uploads: a shared directory (NFS or
# similar) here, or an S3-compatible object store below.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Django serves uploads itself (pages/views/media.py, never as HTML) only
# when asked; production puts the proxy or the object store in front.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_ORIGINS: list[str] = []
if AWS_STORAGE_BUCKET_NAME:
    # Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
    # environment variables (read by boto3), never from this file.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # Plain, stable URLs: signed ones expire, and cached pages outlive them.
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=86400"}
    MEDIA_ORIGINS = [
        f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else AWS_S3_ENDPOINT_URL or ""
    ]
    MEDIA_ORIGINS = [origin for origin in MEDIA_ORIGINS if origin] or ["https://*.amazonaws.com"]

# "Report a problem": at most this many reports per client address per window
# (seconds); counted in the cache above. 0 turns the limit off.
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "5"))
FEEDBACK_RATE_WINDOW = int(os.environ.get("FEEDBACK_RATE_WINDOW", "600"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_NAME = "engagement"

# Security. The defaults with debug off are the ones `check --deploy`
# wants; each can be relaxed through the environment for a setup that needs it.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Behind a TLS-terminating proxy that sets (and overwrites) X-Forwarded-Proto.
if env_bool("DJANGO_BEHIND_TLS_PROXY", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
# Only forms read the token (the admin's hidden field); no script needs the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# One policy for every page, the admin included: Django's admin and
# modeltranslation's scripts are all files from 'self', with no inline code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": env_list("DJANGO_CSP_FRAME_SRC", "") or [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if SECURE_SSL_REDIRECT:
    SECURE_CSP["upgrade-insecure-requests"] = True

# One line per request from pages.middleware (method, path, status, duration),
# errors with their tracebacks from django.request. No IP addresses, user
# agents, query strings or bodies: they can carry personal information.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # 5xx with traceback; 4xx are already in the request line.
        "django.request": {"level": "ERROR"},
        # The request line already says it; without this, 404s log twice.
        "django.server": {"level": "ERROR"},
    },
}
