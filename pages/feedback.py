"""The problem-report form: validation, redaction of personal information, origin check, rate limit.

Public pages are served from a shared cache, so the form carries no per-visitor
token. Cross-site forgery is refused by an origin check instead (`is_same_origin`).
"""

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, transaction
from django.forms.utils import ErrorDict
from django.http import HttpRequest
from django.http.request import split_domain_port, validate_host
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from pages.cache import breaker
from pages.models import CountryPage, FeedbackReport
from pages.models.feedback import DETAILS_MAX_LENGTH, PATH_MAX_LENGTH, PROBLEM_FIELDS

logger = logging.getLogger(__name__)

DEFAULT_RATE_LIMIT = 5
DEFAULT_RATE_WINDOW = 600  # seconds

# A path on this site as a visitor sees it: language prefix, no scheme, host,
# query or fragment, and nothing a browser would treat specially.
SITE_PATH_RE = re.compile(r"^/(?:en|fr)/[^\s?#\\]*$")


def is_site_path(value: str) -> bool:
    return (
        len(value) <= PATH_MAX_LENGTH
        and SITE_PATH_RE.match(value) is not None
        and "//" not in value
        and value.isprintable()
    )


# --- Redaction --------------------------------------------------------------

EMAIL_RE = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
# Between a phone number's groups: a space, a point, a hyphen or any dash
# (U+2010 to U+2015: word processors and phones type them), a no-break space.
SEP = r"[ .\-\u00a0\u2010-\u2015]"
# Digits are never glued to other digits, so parts of longer numbers stay.
PHONE_RE = re.compile(
    rf"""
    (?<!\d)
    (?:\+?1{SEP}?)?                                 # country code
    (?:\(\d{{3}}\)\s?|\d{{3}}{SEP}?)                  # area code: (613) or 613
    \d{{3}}{SEP}?\d{{4}}
    (?:\s*,?\s*(?:x|ext\.?|extension|poste|p\.)\s*\d{{1,6}})?   # extension
    (?!\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Other countries' numbers, as people write them to a site about Mali or
# Senegal: with the international prefix (+223 76 12 34 56, 0033 1 23 45 67
# 89, +44 20 7946 0958), or French-style national numbers, ten digits in
# pairs starting with 0 (06 12 34 56 78). A signed amount has the same
# shape ("+12.5 million", "+2 000 000 $"): a match needs 9 to 15 digits
# after the prefix (a country code and a national number) and must not be
# followed by a unit of money or a percentage (see _international_length).
INTERNATIONAL_PHONE_RE = re.compile(
    rf"(?<![\d+])(?:\+|00)[1-9]\d{{0,2}}(?:{SEP}?\(?\d{{1,4}}\)?){{2,6}}(?!\d)"
    r"(?!\s?(?:\$|%|dollars?\b|millions?\b|milliards?\b|billions?\b))",
    re.IGNORECASE,
)
NATIONAL_PHONE_RE = re.compile(rf"(?<!\d)0[1-9](?:{SEP}?\d{{2}}){{4}}(?!\d)")
# A seven-digit local number needs a separator (555-1234), so that plain
# numbers such as 1234567 stay.
LOCAL_PHONE_RE = re.compile(r"(?<!\d)\d{3}[.\-\u2010-\u2015]\d{4}(?!\d)")
# Nine digits in groups of three, unless they are an amount of money: French
# writes "139 930 000 $", which has exactly the shape of a SIN.
SIN_RE = re.compile(
    r"(?<![\d$])\d{3}[ .\-\u00a0]?\d{3}[ .\-\u00a0]?\d{3}(?!\d)(?!\s?(?:\$|dollars))",
    re.IGNORECASE,
)
# Canada Post: no D, F, I, O, Q or U anywhere, and no W or Z first.
POSTAL_CODE_RE = re.compile(
    r"(?<![^\W_])"
    r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \-\u00a0]?\d[ABCEGHJ-NPRSTV-Z]\d"
    r"(?![^\W_])",
    re.IGNORECASE,
)


def _international_length(number: str) -> bool:
    """A country code and a national number: 9 to 15 digits after the + or 00."""
    digits = sum(char.isdigit() for char in number) - (2 if number.startswith("00") else 0)
    return 9 <= digits <= 15


def _any(_match: str) -> bool:
    return True


# (pattern, marker, whether a match is one): what each pattern finds is redacted.
REDACTIONS: tuple[tuple[re.Pattern, Promise, Callable[[str], bool]], ...] = (
    # Order matters: e-mail first (addresses may contain digits), then the
    # longest numbers, so that a phone number is not half-taken for a SIN.
    (EMAIL_RE, _("[email removed]"), _any),
    (PHONE_RE, _("[phone removed]"), _any),
    (INTERNATIONAL_PHONE_RE, _("[phone removed]"), _international_length),
    (NATIONAL_PHONE_RE, _("[phone removed]"), _any),
    (SIN_RE, _("[SIN removed]"), _any),
    (LOCAL_PHONE_RE, _("[phone removed]"), _any),
    (POSTAL_CODE_RE, _("[postal code removed]"), _any),
)


def redact(text: str, language: str) -> tuple[str, bool]:
    """Replace personal information in `text` by markers in `language`; say if any was found."""
    found = False
    with override(language):
        for pattern, marker, accept in REDACTIONS:
            redacted = pattern.sub(
                lambda m, shown=str(marker), accept=accept: (
                    shown if accept(m.group()) else m.group()
                ),
                text,
            )
            found = found or redacted != text
            text = redacted
    return text, found


# --- Origin check -----------------------------------------------------------


def _origin_of(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.scheme, parts.netloc.lower()


def is_same_origin(request: HttpRequest) -> bool:
    """Whether a POST comes from a page of this site (the CSRF check, without a token).

    Browsers send `Origin` on every POST; `Referer` is the fallback for old
    ones. A host listed in ALLOWED_HOSTS counts as ours whatever the scheme,
    because behind a TLS-terminating proxy the request looks like http while
    the browser says https. A bare "*" in ALLOWED_HOSTS trusts nothing here.
    """
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        return False
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed:
        return False
    origin = _origin_of(claimed)  # "null" (sandboxed frames, data: URLs) gives None
    if origin is None:
        return False
    scheme, netloc = origin
    if (scheme, netloc) == (request.scheme, request.get_host().lower()):
        return True
    if f"{scheme}://{netloc}" in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        return True
    host, _port = split_domain_port(netloc)
    allowed = [h for h in settings.ALLOWED_HOSTS if h != "*"]
    return validate_host(host, allowed)


# --- Rate limit -------------------------------------------------------------


def rate_limit_settings() -> tuple[int, int]:
    limit = getattr(settings, "FEEDBACK_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    window = getattr(settings, "FEEDBACK_RATE_WINDOW", DEFAULT_RATE_WINDOW)
    return int(limit), int(window)


def rate_limit_key(client: str, window: int, now: float | None = None) -> str:
    """A cache key for `client` in the current window: a keyed hash, never the address itself.

    The window number is part of the hashed text, so a key says nothing about
    which client it counts, even to someone who can list the cache.
    """
    current = int((time.time() if now is None else now) // window)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{client}|{current}".encode(), hashlib.sha256
    ).hexdigest()
    return f"feedback-rate:{digest[:32]}"


@dataclass(frozen=True)
class Count:
    """One submission counted: whether it is within the limit, and where it was counted."""

    allowed: bool
    store: BaseCache | None = None
    key: str = ""
    # Seconds until the window ends and the count starts again.
    retry_after: int = 0

    def withdraw(self) -> None:
        """Take this submission back: its report could not be stored."""
        if self.store is None:
            return
        try:
            self.store.decr(self.key)
        except Exception:
            # Gone (expired) or unreachable: nothing to take back.
            logger.warning("Report rate limit: a submission could not be taken back")


def count_submission(client: str, store: BaseCache | None = None) -> Count:
    """Count one submission for `client`; not allowed once it is over the limit for this window.

    The count lives in Django's cache, which is Redis when REDIS_URL is set, so
    every app server shares it. `incr` is atomic there. While that cache is
    unreachable, reports are still taken: they are counted in this process
    instead, so the limit holds per worker until the cache is back. A report
    is never lost to an outage of the machinery that guards against abuse.
    """
    limit, window = rate_limit_settings()
    if limit <= 0:
        return Count(allowed=True)
    store = caches["default"] if store is None else store
    now = time.time()
    key = rate_limit_key(client, window, now)
    retry_after = window - int(now) % window
    if not breaker(store).is_open():
        try:
            return Count(_count(store, key, window) <= limit, store, key, retry_after)
        except Exception:
            logger.exception("Report rate limit: cache unavailable; counting in this process")
            breaker(store).trip()
    return Count(_count(LOCAL_COUNTS, key, window) <= limit, LOCAL_COUNTS, key, retry_after)


# Where reports are counted while the shared cache is unreachable.
LOCAL_COUNTS = LocMemCache("feedback-rate-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _count(store: BaseCache, key: str, window: int) -> int:
    store.add(key, 0, timeout=window)
    try:
        return store.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is a fresh window.
        store.set(key, 1, timeout=window)
        return 1


# --- The form ---------------------------------------------------------------


def _normalise_newlines(value: object) -> object:
    # Browsers count a line break as one character for `maxlength` but send
    # it as CRLF: without this, 300 characters typed could be refused.
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class ReportForm(forms.Form):
    problems = forms.MultipleChoiceField(
        choices=FeedbackReport.problem_choices,
        error_messages={
            "required": _("Select at least one problem."),
            "invalid_choice": _("One of the selected problems is not on the list."),
        },
    )
    details = forms.CharField(
        required=False,
        max_length=DETAILS_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Details can be at most %(limit_value)d characters (you sent %(show_value)d)."
            )
        },
    )
    page = forms.CharField(required=False, max_length=20)
    path = forms.CharField(
        max_length=PATH_MAX_LENGTH,
        error_messages={"required": _("The address of the page is missing.")},
    )
    # The honeypot: hidden from people, filled in by form-filling robots.
    # No length limit: an error on it would tell a robot it was noticed
    # (the request body's limit bounds it anyway).
    website = forms.CharField(required=False)

    def __init__(self, data=None, *args, **kwargs) -> None:
        if data is not None:
            data = data.copy()
            if "details" in data:
                data["details"] = _normalise_newlines(data["details"])
        super().__init__(data, *args, **kwargs)
        self.page_object: CountryPage | None = None

    def clean_page(self) -> int | None:
        value = self.cleaned_data["page"].strip()
        if not value:
            return None
        if not value.isascii() or not value.isdigit():
            raise forms.ValidationError(_("The page this report is about does not exist."))
        # Only a page visitors can see now. A page deleted or unpublished since
        # the visitor loaded it, a draft in the staff preview, or a forged
        # number: the report is kept without a page (its path says where), and
        # the answer does not tell which numbers are drafts.
        self.page_object = CountryPage.objects.published().filter(pk=int(value)).first()
        return self.page_object.pk if self.page_object else None

    def clean(self) -> dict:
        cleaned = super().clean()
        page, path = self.page_object, cleaned.get("path")
        # Both languages' addresses: a page missing in one language shows,
        # under that language's address, a notice with the form.
        if page is not None and path not in {page.get_absolute_url(code) for code in ("en", "fr")}:
            # The number and the address disagree: the address is what the visitor saw.
            self.page_object = None
            cleaned["page"] = None
        return cleaned

    def clean_path(self) -> str:
        value = self.cleaned_data["path"]
        if not is_site_path(value):
            raise forms.ValidationError(
                _("The address of the page is not an address on this site.")
            )
        return value

    def not_taken(self, message: str) -> None:
        """Say `message` about what was sent, as it was sent (database down, or over the limit)."""
        self._errors = ErrorDict()
        # The way back to the page, as after any other error.
        path = self.data.get("path", "")
        self.cleaned_data = {"path": path} if is_site_path(path) else {}
        self.add_error(None, message)

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def save(self, language: str) -> tuple[FeedbackReport | None, bool]:
        """Store the report unless the honeypot was filled; say whether details were redacted."""
        details, redacted = redact(self.cleaned_data["details"], language)
        if self.is_robot:
            return None, redacted
        ticked = set(self.cleaned_data["problems"])
        fields = {
            "path": self.cleaned_data["path"],
            "language": language,
            "details": details,
            **{name: name in ticked for name in PROBLEM_FIELDS},
        }
        try:
            with transaction.atomic():
                report = FeedbackReport.objects.create(page=self.page_object, **fields)
        except IntegrityError:
            if self.page_object is None:
                raise
            # The page was deleted since validation: keep the report; the path still says where.
            report = FeedbackReport.objects.create(page=None, **fields)
        return report, redacted
