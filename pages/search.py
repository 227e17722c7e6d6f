"""Site search: building the index from the content, querying it, highlighting excerpts."""

import html
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from pages.models import CountryPage, PageItem, ProgramArea, Section
from pages.models.search import SEARCH_CONFIGS, SearchEntry

if TYPE_CHECKING:
    from django.contrib.postgres.search import SearchVector

LANGUAGES = ("en", "fr")
MAX_QUERY_LENGTH = 200
# SQLite builds one LIKE per term: a cap keeps a pasted paragraph cheap.
# The words beyond it are named on the page (ParsedQuery.skipped).
MAX_TERMS = 12
EXCERPT_CHARS = 240
# Between the fragments of a ts_headline, and where an excerpt cuts the text.
ELLIPSIS = "…"

# ts_headline marks hits with these private-use characters; they are removed
# from indexed text, so after escaping they can only be ours.
MARK_START = "\ue000"
MARK_STOP = "\ue001"

# Control characters (NUL included) never reach the database: PostgreSQL
# refuses NUL in text, and none of them mean anything in a search.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ue000\ue001]")
# Invisible format characters (soft hyphen, zero-width space and joiners, word
# joiner, byte order mark) sit inside words: removed, not replaced by a space,
# or "humani\u00adtarian" would be indexed as two words neither query finds.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")
# Where one block of rich text ends and the next begins, a space separates their words.
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|blockquote|ul|ol)>|<br\s*/?>)", re.IGNORECASE)
# Tags in a query are pasted markup, not words (PostgreSQL's parser skips them too).
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# Letters and digits; underscores and punctuation separate words, as in PostgreSQL.
_WORD = re.compile(r"[^\W_]+")
# A quoted phrase, or a run of non-space characters.
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_SKIPPED_WORDS = {"and", "et", "ou"}
# A French elided article or pronoun before an apostrophe ("l'aide", "qu’il"):
# a stop word in PostgreSQL's French configuration, and as a one-letter
# prefix it would match nearly every word.
_ELISION = re.compile(r"^[\W_]*(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’](?=[^\W_])", re.IGNORECASE)
# An English possessive: "Canada's" is searched as "canada".
_POSSESSIVE = re.compile(r"(?<=[^\W_])['’]s(?=[\W_]*$)", re.IGNORECASE)


# --- Text preparation -------------------------------------------------------


def plain_text(value: str) -> str:
    """Rich text to one line of plain text, entities decoded (escaping happens on display)."""
    text = strip_tags(_BLOCK_END.sub(r"\1 ", value or ""))
    # Entities first: "&shy;" is a soft hyphen too.
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", html.unescape(text)))
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}
# The combining accents NFKD splits off (Latin, extended, supplement, symbols, half marks).
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_text(value: str) -> str:
    """Lower-cased, without accents: "Sécurité" -> "securite", "Œuvre" -> "oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    folded = _COMBINING.sub("", decomposed)
    for ligature, letters in _LIGATURES.items():
        folded = folded.replace(ligature, letters)
    return folded


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded as `fold_text` folds it (may be "" or two characters)."""
    return fold_text(char)


def fold(value: str) -> str:
    """Words lower-cased, accent-free, joined by single spaces and framed by spaces."""
    words = _WORD.findall(fold_text(value))
    return f" {' '.join(words)} " if words else ""


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched: control and invisible characters out, spaces collapsed, cut short."""
    text = _SPACES.sub(" ", _CONTROL.sub(" ", _INVISIBLE.sub("", raw or ""))).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    return text, truncated


@dataclass
class ParsedQuery:
    """
    A query as groups of folded word sequences to match at word starts.

    Every group must match; within a group any one term may ("a b or c" is
    a AND (b OR c)), as websearch_to_tsquery reads it.
    """

    groups: list[list[str]] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    # Words and phrases beyond MAX_TERMS, as typed: not searched.
    skipped: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def include(self) -> list[str]:
        """Every term to look for, for highlighting."""
        return [term for group in self.groups for term in group]


def query_term(text: str) -> str:
    """
    One word or quoted phrase of a query as folded words to find next to each other.

    Parts joined by hyphens, apostrophes or other punctuation stay together,
    as websearch_to_tsquery keeps them: "co-operation" is the phrase
    "co operation", never "co" and "operation" anywhere in the text. A
    leading elided article ("l'aide") and a trailing possessive ("Canada's")
    are dropped. A single letter is no term: as a prefix it matches nearly
    every word.
    """
    words = fold(_POSSESSIVE.sub("", _ELISION.sub("", text))).strip()
    return words if len(words) > 1 else ""


def parse_query(text: str) -> ParsedQuery:
    """
    Quoted phrases and words, "-word" to exclude, "or" between alternatives.

    A simplified websearch_to_tsquery, for SQLite and for highlighting.
    "and", "et" and "ou" are skipped as the stop words they are.
    """
    parsed = ParsedQuery()
    either = False
    for phrase, word in _TOKEN.findall(_TAG.sub(" ", text)):
        negative = False
        if word:
            lowered = word.lower()
            if lowered == "or":
                either = bool(parsed.groups)
                continue
            if lowered in _SKIPPED_WORDS:
                continue
            negative = word.startswith("-") and len(word) > 1
        term = query_term(phrase or word)
        if not term:
            continue
        if len(parsed.include) + len(parsed.exclude) >= MAX_TERMS:
            parsed.skipped.append(f'"{phrase}"' if phrase else word)
            continue
        if negative:
            parsed.exclude.append(term)
        elif either:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        either = False
    return parsed


def _postgres_search() -> ModuleType:
    """
    django.contrib.postgres.search, imported on first use, on PostgreSQL only.

    Importing it loads psycopg2 (libpq and its own OpenSSL, about 4 MiB per
    process): at the top of this module it would sit in every SQLite
    server's memory, where full-text search is never used.
    """
    from django.contrib.postgres import search

    return search


# --- Indexing ---------------------------------------------------------------


def _join(parts: Iterable[str]) -> str:
    return " ".join(part for part in (plain_text(p) for p in parts) if part)


def page_documents(page: CountryPage) -> dict[str, dict[str, str]]:
    """The searchable text of a page per language, from prefetched sections and items."""
    sections = list(page.sections.all())
    items = list(page.items.all())
    documents = {}
    for language in LANGUAGES:
        title = getattr(page, f"title_{language}") or ""
        if not title.strip():
            # No version in this language: nothing to find.
            continue
        headings = [getattr(s, f"heading_{language}") or "" for s in sections]
        headings += [
            getattr(i, f"text_{language}") or "" for i in items if i.kind == PageItem.Kind.VIDEO
        ]
        body = [getattr(page, f"intro_{language}") or ""]
        body.append(getattr(page, f"focus_intro_{language}") or "")
        body += [getattr(i, f"text_{language}") or "" for i in items if i.kind == "focus"]
        body.append(getattr(page, f"outro_{language}") or "")
        for section in sections:
            body.append(getattr(section, f"body_{language}") or "")
        for item in items:
            if item.kind == PageItem.Kind.RESULT:
                body += [getattr(item, f"text_{language}"), getattr(item, f"sub_text_{language}")]
            elif item.kind == PageItem.Kind.VIDEO:
                body += [getattr(item, f"body_{language}"), getattr(item, f"transcript_{language}")]
        documents[language] = {
            "title": plain_text(title),
            "country": plain_text(getattr(page, f"name_{language}") or ""),
            "headings": _join(headings),
            "body": _join(b or "" for b in body),
        }
    return documents


def area_documents(area: ProgramArea) -> dict[str, dict[str, str]]:
    documents = {}
    for language in LANGUAGES:
        name = plain_text(getattr(area, f"name_{language}") or "")
        if name:
            documents[language] = {
                "title": name,
                "country": "",
                "headings": "",
                "body": plain_text(getattr(area, f"description_{language}") or ""),
            }
    return documents


INDEXED_FIELDS = [
    "title",
    "country",
    "headings",
    "body",
    "sort_title",
    "folded_title",
    "folded",
    "updated_at",
]


def _entries(documents: dict[str, dict[str, str]], **target) -> list[SearchEntry]:
    now = timezone.now()
    return [
        SearchEntry(
            language=language,
            sort_title=fold_text(doc["title"]),
            folded_title=fold(f"{doc['title']} {doc['country']}"),
            folded=fold(" ".join(doc.values())),
            updated_at=now,
            **doc,
            **target,
        )
        for language, doc in documents.items()
    ]


def _update_vectors(entries: QuerySet) -> None:
    """Fill the weighted tsvector in the database: title A, headings B, text C."""
    if connection.vendor != "postgresql":
        return
    postgres = _postgres_search()

    def vector(config: str) -> "SearchVector":
        return (
            postgres.SearchVector("title", "country", weight="A", config=config)
            + postgres.SearchVector("headings", weight="B", config=config)
            + postgres.SearchVector("body", weight="C", config=config)
        )

    entries.update(
        search_vector=Case(
            *(When(language=code, then=vector(cfg)) for code, cfg in SEARCH_CONFIGS.items())
        )
    )


def _store(entries: list[SearchEntry], existing: QuerySet) -> None:
    """
    Write `entries` over the `existing` ones, in place.

    Updated and created in bulk rather than deleted and re-created: bulk
    writes send no model signals, so re-indexing does not look like a
    content change to the page cache (pages/signals.py) once per row.
    """
    current = {
        (row.page_id, row.program_area_id, row.language): row.pk
        for row in existing.only("pk", "page", "program_area", "language")
    }
    created, updated = [], []
    for entry in entries:
        entry.pk = current.pop((entry.page_id, entry.program_area_id, entry.language), None)
        (created if entry.pk is None else updated).append(entry)
    if current:
        # A language version was emptied: rare, and a real content change.
        SearchEntry.objects.filter(pk__in=current.values()).delete()
    SearchEntry.objects.bulk_update(updated, INDEXED_FIELDS, batch_size=100)
    SearchEntry.objects.bulk_create(created, batch_size=100)


def index_pages(pks: Iterable[int]) -> None:
    """Re-index these country pages (deleted pages have lost their entries by CASCADE)."""
    pks = list(pks)
    if not pks:
        return
    pages = CountryPage.objects.filter(pk__in=pks).prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("order", "pk")),
        Prefetch("items", queryset=PageItem.objects.order_by("kind", "order", "pk")),
    )
    entries = []
    for page in pages:
        entries += _entries(page_documents(page), page=page)
    with transaction.atomic():
        _store(entries, SearchEntry.objects.filter(page__in=pks))
        _update_vectors(SearchEntry.objects.filter(page__in=pks))


def index_program_areas(pks: Iterable[int]) -> None:
    pks = list(pks)
    if not pks:
        return
    entries = []
    for area in ProgramArea.objects.filter(pk__in=pks):
        entries += _entries(area_documents(area), program_area=area)
    with transaction.atomic():
        _store(entries, SearchEntry.objects.filter(program_area__in=pks))
        _update_vectors(SearchEntry.objects.filter(program_area__in=pks))


def rebuild_index() -> tuple[int, int]:
    """Re-index everything; return (pages, program areas) indexed."""
    page_pks = list(CountryPage.objects.values_list("pk", flat=True))
    area_pks = list(ProgramArea.objects.values_list("pk", flat=True))
    with transaction.atomic():
        index_pages(page_pks)
        index_program_areas(area_pks)
    return len(page_pks), len(area_pks)


# Saves inside `deferred_indexing()` are collected and indexed once at the end,
# so a bulk load does not re-index a page once per section.
_deferred = threading.local()


@contextmanager
def deferred_indexing() -> Iterator[None]:
    outer = getattr(_deferred, "batch", None)
    if outer is not None:
        yield
        return
    _deferred.batch = {"pages": set(), "areas": set()}
    try:
        yield
        batch = _deferred.batch
    finally:
        _deferred.batch = None
    index_pages(batch["pages"])
    index_program_areas(batch["areas"])


def schedule_page(pk: int) -> None:
    batch = getattr(_deferred, "batch", None)
    if batch is not None:
        batch["pages"].add(pk)
    else:
        index_pages([pk])


def schedule_program_area(pk: int) -> None:
    batch = getattr(_deferred, "batch", None)
    if batch is not None:
        batch["areas"].add(pk)
    else:
        index_program_areas([pk])


# --- Querying ---------------------------------------------------------------


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def search(text: str, language: str, parsed: ParsedQuery | None = None) -> QuerySet:
    """
    Visible entries of `language` matching `text`, best first.

    `parsed` is parse_query(text), for a caller that has it already.

    PostgreSQL: the stored, GIN-indexed tsvector against websearch_to_tsquery
    with the language's stemming, ranked by ts_rank, excerpts by ts_headline.
    Elsewhere: every term at a word start of the accent-folded text, title hits
    first. Either way a lazy queryset: the caller's paginator runs one COUNT
    and one page query, whatever the number of hits.
    """
    entries = SearchEntry.objects.visible(language).select_related("page", "program_area")
    if uses_full_text():
        postgres = _postgres_search()
        config = SEARCH_CONFIGS[language]
        query = postgres.SearchQuery(_TAG.sub(" ", text), search_type="websearch", config=config)
        return (
            entries.filter(search_vector=query)
            .annotate(
                rank=postgres.SearchRank(F("search_vector"), query),
                headline=postgres.SearchHeadline(
                    "body",
                    query,
                    config=config,
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=f" {ELLIPSIS} ",
                    # Not the default 3: "A short text." would lose its "A",
                    # and be shown cut where it is whole.
                    short_word=0,
                ),
            )
            .defer("folded", "folded_title", "search_vector")
            .order_by("-rank", "sort_title", "pk")
        )
    if parsed is None:
        parsed = parse_query(text)
    if not parsed:
        return entries.none()
    condition = Q()
    for group in parsed.groups:
        either = Q()
        for term in group:
            either |= Q(folded__contains=f" {term}")
        condition &= either
    for term in parsed.exclude:
        condition &= ~Q(folded__contains=f" {term}")
    title_hits = sum(
        (
            Case(
                When(folded_title__contains=f" {term}", then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for term in parsed.include
        ),
        start=Value(0),
    )
    return (
        entries.filter(condition)
        .annotate(rank=title_hits)
        .defer("folded", "folded_title", "search_vector")
        .order_by("-rank", "sort_title", "pk")
    )


# --- Highlighting -----------------------------------------------------------


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text (not framed) and, for each of its characters, its index in `text`."""
    chars, offsets = [], []
    for index, char in enumerate(text):
        folded = fold_char(char)
        chars.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(chars), offsets


def _hits(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of `text` where a term starts a word, longest first, never overlapping."""
    folded, offsets = _folded_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in sorted(terms, key=len, reverse=True):
        # Punctuation between the words of a phrase folds to a space: match any.
        pattern = r"(?<![^\W_])" + r"[\W_]+".join(re.escape(word) for word in term.split())
        for match in re.finditer(pattern, folded):
            start, end = offsets[match.start()], offsets[match.end() - 1] + 1
            # Extend to the end of the word, so "humanit" marks "humanitaire".
            while end < len(text) and fold_char(text[end]).isalnum():
                end += 1
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
    return sorted(spans)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with each term that starts a word in <mark>."""
    out, position = [], 0
    for start, end in _hits(text, terms):
        out += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def excerpt(text: str, terms: list[str], length: int = EXCERPT_CHARS) -> SafeString:
    """A window of `text` around its first hit, highlighted; the start if nothing hits."""
    hits = _hits(text, terms)
    start = 0
    if hits:
        start = max(0, hits[0][0] - length // 3)
        # Start on a word boundary.
        space = text.rfind(" ", 0, start)
        start = 0 if space < 0 else space + 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    prefix = f"{ELLIPSIS} " if start > 0 else ""
    suffix = f" {ELLIPSIS}" if end < len(text) else ""
    return mark_safe(prefix + highlight(window, terms) + suffix)  # noqa: S308 - escaped above


def headline_html(headline: str, text: str) -> SafeString:
    """
    A ts_headline result of `text` escaped, then its private-use delimiters turned into <mark>.

    Framed by "…" where it does not start or end `text`, as `excerpt` is.
    Compared word by word: a headline leaves out the punctuation at its edges.
    """
    marked = escape(headline).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    fragments = headline.replace(MARK_START, "").replace(MARK_STOP, "").split(f" {ELLIPSIS} ")
    words = _WORD.findall(text)
    first, last = _WORD.findall(fragments[0]), _WORD.findall(fragments[-1])
    prefix = f"{ELLIPSIS} " if words[: len(first)] != first else ""
    suffix = f" {ELLIPSIS}" if last and words[-len(last) :] != last else ""
    return mark_safe(prefix + marked + suffix)  # noqa: S308 - escaped before the marks went in


def result_excerpt(entry: SearchEntry, terms: list[str]) -> SafeString:
    """
    The highlighted excerpt of one result, from ts_headline or computed here.

    `terms` are the query's words as parse_query gives them (`include`): the
    view parses the query once, not once per result.
    """
    headline = getattr(entry, "headline", None)
    if headline is not None:
        return headline_html(headline, entry.body)
    return excerpt(entry.body, terms)


# --- Keeping the index up to date -------------------------------------------


def _page_saved(sender, instance: CountryPage, raw: bool = False, **kwargs) -> None:
    # Fixture loading (raw) may save a page before its sections exist:
    # `manage.py rebuild_search_index` afterwards.
    if not raw:
        schedule_page(instance.pk)


def _deleted_with_its_page(origin: object) -> bool:
    if isinstance(origin, CountryPage):
        return True
    return isinstance(origin, QuerySet) and issubclass(origin.model, CountryPage)


def _child_changed(sender, instance: Section | PageItem, raw: bool = False, **kwargs) -> None:
    # When the page itself is being deleted, its entries go with it (CASCADE):
    # re-indexing it half-deleted would leave rows pointing at a deleted page.
    if raw or _deleted_with_its_page(kwargs.get("origin")):
        return
    if instance.page_id:
        schedule_page(instance.page_id)


def _area_saved(sender, instance: ProgramArea, raw: bool = False, **kwargs) -> None:
    if not raw:
        schedule_program_area(instance.pk)


def connect_signals() -> None:
    """Called from PagesConfig.ready(): re-index on every save and delete of content."""
    post_save.connect(_page_saved, sender=CountryPage, dispatch_uid="search_page_saved")
    post_save.connect(_area_saved, sender=ProgramArea, dispatch_uid="search_area_saved")
    # Proxy models send signals under their own class, so each kind is listed.
    children = [Section, PageItem, *PageItem.__subclasses__()]
    for model in children:
        for signal in (post_save, post_delete):
            signal.connect(
                _child_changed,
                sender=model,
                dispatch_uid=f"search_child_{signal is post_save}_{model.__name__}",
            )
