"""Public views: language selection, home, country pages and program areas."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.db import DEFAULT_DB_ALIAS
from django.db.models import CharField, DateTimeField, Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import get_language, override

from pages.cache import cache_public_page
from pages.funding import area_figures, area_totals, country_figures
from pages.models import CountryPage, Image, PageItem, ProgramArea, Section
from pages.models.country import (
    OTHER_LANGUAGE,
    CountryPageQuerySet,
    link_target,
    section_anchor,
)
from pages.prepared import PreparedRows, Slot
from pages.reversing import fixed_url
from pages.rows import TemplateRow, by_order, page_rows, rows_queryset
from pages.search import fold_text
from pages.slug_redirects import redirect_old_slug
from pages.views.methods import read_only


def _current_language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in OTHER_LANGUAGE else "en"


@read_only
def language_select(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/language_select.html")


def _mark_links(countries: Iterable[CountryPage], language: str) -> None:
    """
    Give each country the URL and language a visitor should follow.

    A page without a version in `language` links straight to the version
    that exists, and the template says which language that is, rather than
    sending the visitor to a notice page.
    """
    for country in countries:
        if country.is_available_in(language):
            country.link_language = language
        else:
            country.link_language = OTHER_LANGUAGE[language]
        country.link_url = country.get_absolute_url(country.link_language)
        country.link_title = getattr(country, f"title_{country.link_language}") or country.title_en


def _mark_availability(countries: list[CountryPage], language: str) -> list[CountryPage]:
    """The countries marked by _mark_links, in alphabetical order in `language`."""
    _mark_links(countries, language)
    # Sorted here rather than in SQL: names may be missing in one language,
    # and "Éthiopie" belongs with the E's whatever the database collation.
    return sorted(
        countries,
        key=lambda country: fold_text(
            getattr(country, f"name_{country.link_language}") or country.name_en
        ),
    )


# Pages whose address is the same in both languages but for the translated words.
FIXED_PAGES = {"pages:home", "pages:opendata", "pages:search"}


def same_page_in(path: str, language: str, other: str) -> str:
    """
    The address, in `other`, of the public page at `path` (an address in `language`), or "".

    For the thank-you page's language toggle: the page the visitor was
    reading, in the other language (a page offered in one language only
    gives the notice page its own toggle leads to).
    """
    with override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return ""
    if match.view_name in FIXED_PAGES:
        return _alternates(match.view_name)[other]
    if match.view_name == "pages:country-detail":
        queryset = CountryPage.objects.published()
    elif match.view_name == "pages:programarea-detail":
        queryset = ProgramArea.objects.all()
    else:
        return ""
    found, _matched = _find_by_slug(queryset, language, match.kwargs["slug"])
    return found.get_absolute_url(other) if found else ""


@cache_public_page
@read_only
def home(request: HttpRequest) -> HttpResponse:
    language = _current_language()
    countries = _mark_availability(
        list(CountryPage.objects.published()),
        language,
    )
    dates = [country.date_modified for country in countries]
    context = {
        "countries": countries,
        "program_areas": ProgramArea.objects.ordered(),
        "alternate_urls": _alternates("pages:home"),
        "date_modified": max(dates) if dates else None,
    }
    return render(request, "pages/home.html", context)


def _alternates(url_name: str) -> dict[str, str]:
    return {code: fixed_url(url_name, language=code) for code in OTHER_LANGUAGE}


# The columns the country page shows, and no others (no timestamps, editor-only
# titles, program-area descriptions...). A translated field's name brings its
# columns in every language (modeltranslation), which the language toggle and
# the notice for a missing translation need.
IMAGE_FIELDS = ("file", "width", "height", "alt_text", "decorative", "credit", "renditions")
PAGE_FIELDS = (
    "iso_code",
    "title",
    "slug",
    "intro",
    "focus_intro",
    "outro",
    "available_in",
    "one_language_reason",
    "date_modified",
    "hero_image",
    *(f"hero_image__{name}" for name in IMAGE_FIELDS),
)


@cache
def _country_page_queryset() -> CountryPageQuerySet:
    # Built once per process: only its clones (`.all()`) are ever evaluated.
    # No ORDER BY anywhere: a page's few rows are put in order in Python
    # (country_page_context), and at most two pages match a slug.
    return CountryPage.objects.select_related("hero_image").only(*PAGE_FIELDS).order_by()


def country_page_queryset() -> CountryPageQuerySet:
    """A country page and its hero image, in one query; country_page_context fetches the rest."""
    return _country_page_queryset().all()


# A model's columns as Model.from_db takes them: those of `names`, in the
# model's field order, translated ones in every language (the descriptors
# pick the active one).
def _columns(model: type[Model], names: Iterable[str]) -> tuple[str, ...]:
    # modeltranslation's per-language fields point at the field they translate,
    # whose own column the descriptors never read.
    names = set(names)
    fields = model._meta.concrete_fields
    per_language = {
        field: field.translated_field.name for field in fields if hasattr(field, "translated_field")
    }
    translated = set(per_language.values())
    return tuple(
        field.attname
        for field in fields
        if field.primary_key
        or per_language.get(field) in names
        or (field.name in names and field.name not in translated)
    )


IMAGE_COLUMNS = _columns(Image, IMAGE_FIELDS)


@dataclass(slots=True)
class SectionRow(TemplateRow):
    """A section as the country page shows it: its text in one language, its Image if any."""

    pk: int
    order: int
    heading_level: int
    heading: str
    body: str
    image: Image | None
    anchor: str


@cache
def _sections_query(language: str) -> PreparedRows:
    # One per language and process, compiled once (pages/prepared.py).
    return page_rows(
        Section,
        "pk",
        "order",
        "heading_level",
        f"heading_{language}",
        f"body_{language}",
        *(f"image__{name}" for name in IMAGE_COLUMNS),
    )


def country_sections(page_id: int, language: str) -> list[SectionRow]:
    """A country page's sections in the editors' order, with their images: one query."""
    query = _sections_query(language)
    rows = []
    for pk, order, heading_level, heading, body, *image in query(page=page_id):
        rows.append(
            SectionRow(
                pk=pk,
                order=order,
                heading_level=heading_level,
                # As the translated fields read: no fallback, "" when missing.
                heading=heading or "",
                body=body or "",
                image=None
                if image[0] is None
                else Image.from_db(DEFAULT_DB_ALIAS, IMAGE_COLUMNS, image),
                anchor=section_anchor(pk),
            )
        )
    return by_order(rows)


@dataclass(slots=True)
class ItemRow(TemplateRow):
    """
    A page item as the country page shows it: its text in one language, no model instance.

    Same attribute names as PageItem, and a related link's `href` and
    `only_in` from the same link_target as PageItem.url_for and target_language_only.
    """

    pk: int
    kind: str
    order: int
    text: str
    url: str
    body: str
    transcript: str
    value: Decimal | None
    sub_value: Decimal | None
    sub_text: str
    href: str = ""
    only_in: str | None = None


@cache
def _items_query(language: str) -> PreparedRows:
    # One per language and process, compiled once (pages/prepared.py). The
    # page's language only, but a link's address in both (a link may point
    # to a page that exists in the other language only).
    return page_rows(
        PageItem,
        "pk",
        "kind",
        "order",
        f"text_{language}",
        f"url_{language}",
        f"url_{OTHER_LANGUAGE[language]}",
        f"body_{language}",
        f"transcript_{language}",
        "value",
        "sub_value",
        f"sub_text_{language}",
    )


def country_items(page_id: int, language: str) -> dict[str, list[ItemRow]]:
    """A country page's items by kind, each kind in the editors' order: one query."""
    items: dict[str, list[ItemRow]] = {kind: [] for kind in PageItem.Kind.values}
    rows = []
    # A translated field reads as its value in the page's language, or ""
    # when it has none: fallbacks are off (MODELTRANSLATION_FALLBACK_LANGUAGES).
    for (
        pk,
        kind,
        order,
        text,
        url,
        other_url,
        body,
        transcript,
        value,
        sub_value,
        sub_text,
    ) in _items_query(language)(page=page_id):
        row = ItemRow(
            pk=pk,
            kind=kind,
            order=order,
            text=text or "",
            url=url or "",
            body=body or "",
            transcript=transcript or "",
            value=value,
            sub_value=sub_value,
            sub_text=sub_text or "",
        )
        if kind == PageItem.Kind.LINK:
            urls = {language: url, OTHER_LANGUAGE[language]: other_url}
            row.href, row.only_in = link_target(urls, language)
        rows.append(row)
    for row in by_order(rows):
        items[row.kind].append(row)
    return items


def _find_by_slug(queryset: QuerySet, language: str, slug: str) -> tuple[Model | None, str]:
    """
    The object whose slug in `language` is `slug`, else the one whose slug in the other language is.

    One query for both cases: at most two rows can match (one per language).
    Returns (object, matched_language) or (None, "").
    """
    other = OTHER_LANGUAGE[language]
    candidates = list(
        queryset.filter(Q(**{f"slug_{language}": slug}) | Q(**{f"slug_{other}": slug}))[:2]
    )
    return _match_slug(candidates, language, slug)


# The country page's own columns (PAGE_FIELDS without its hero image's).
PAGE_COLUMNS = _columns(CountryPage, [name for name in PAGE_FIELDS if "__" not in name])


@cache
def _published_page_query(language: str) -> PreparedRows:
    # _find_by_slug(country_page_queryset().published(), ...) as rows, with
    # its SQL compiled once per language (pages/prepared.py): this query was
    # a sixth of an uncached country page's time, mostly spent writing it.
    other = OTHER_LANGUAGE[language]
    slug = Slot("slug", CharField())
    return PreparedRows(
        lambda: (
            rows_queryset(
                CountryPage, *PAGE_COLUMNS, *(f"hero_image__{name}" for name in IMAGE_COLUMNS)
            )
            .published(now=Slot("now", DateTimeField()))
            .filter(Q(**{f"slug_{language}": slug}) | Q(**{f"slug_{other}": slug}))[:2]
        )
    )


def find_published_page(language: str, slug: str) -> tuple[CountryPage | None, str]:
    """
    The published country page whose slug in `language` (else in the other language) is `slug`.

    As _find_by_slug on country_page_queryset().published(): the same
    columns, the hero image with the page, one query. Returns (page,
    matched_language) or (None, "").
    """
    rows = _published_page_query(language)(slug=slug, now=timezone.now())
    split = len(PAGE_COLUMNS)
    candidates = []
    for row in rows:
        page = CountryPage.from_db(DEFAULT_DB_ALIAS, PAGE_COLUMNS, row[:split])
        image = row[split:]
        CountryPage.hero_image.field.set_cached_value(
            page,
            None if image[0] is None else Image.from_db(DEFAULT_DB_ALIAS, IMAGE_COLUMNS, image),
        )
        candidates.append(page)
    return _match_slug(candidates, language, slug)


def _match_slug(candidates: list, language: str, slug: str) -> tuple[Model | None, str]:
    # This language's slug first: a page's French slug may be another's English one.
    other = OTHER_LANGUAGE[language]
    for code in (language, other):
        for candidate in candidates:
            if getattr(candidate, f"slug_{code}") == slug:
                return candidate, code
    return None, ""


@cache_public_page
@read_only
def country_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = _current_language()
    page, matched = find_published_page(language, slug)
    if page is None:
        # A slug the page had before it was renamed: 301 to its URL now, or 404.
        return redirect_old_slug(language, slug)
    if matched != language:
        # A slug of the other language: send the visitor to this language's URL.
        target = page.get_absolute_url(language)
        if target != request.path:
            return HttpResponsePermanentRedirect(target)
    return render(request, "pages/countrypage_detail.html", country_page_context(page, language))


def country_page_context(page: CountryPage, language: str) -> dict:
    """The country page template's context; the staff preview renders with it too."""
    # Sections, items and figures in one query each: four in all, with the page's.
    items = country_items(page.pk, language)
    available = page.is_available_in(language)
    other = OTHER_LANGUAGE[language]
    alternate_urls = {
        code: page.get_absolute_url(code) for code in OTHER_LANGUAGE if page.is_available_in(code)
    }
    return {
        "page": page,
        "available": available,
        "sections": country_sections(page.pk, language),
        "figures": country_figures(page.pk, language),
        "focus_points": items[PageItem.Kind.FOCUS],
        "results": items[PageItem.Kind.RESULT],
        "videos": items[PageItem.Kind.VIDEO],
        "links": items[PageItem.Kind.LINK],
        "alternate_urls": alternate_urls,
        # The toggle always goes to the same object, even when that version
        # is the notice saying the page was not translated.
        "toggle_url": page.get_absolute_url(other),
        "other_language": other,
        "other_title": getattr(page, f"title_{other}") or page.title_en,
        "other_reason": getattr(page, f"one_language_reason_{other}", ""),
        "noindex": not available,
        "date_modified": page.date_modified,
    }


@cache_public_page
@read_only
def programarea_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = _current_language()
    area, matched = _find_by_slug(ProgramArea.objects.all(), language, slug)
    if area is None:
        raise Http404("No program area with this address.")
    if matched != language:
        target = area.get_absolute_url(language)
        if target != request.path:
            return HttpResponsePermanentRedirect(target)
    countries = _mark_availability(
        list(
            CountryPage.objects.published()
            .filter(Q(sections__program_area=area) | Q(funding_figures__program_area=area))
            .distinct()
        ),
        language,
    )
    totals = area_totals(list(area_figures(area)), language)
    # Links to the countries behind each total, as in the list of countries.
    _mark_links([entry.page for total in totals for entry in total.countries], language)
    context = {
        "area": area,
        "countries": countries,
        "funding_totals": totals,
        "alternate_urls": {code: area.get_absolute_url(code) for code in OTHER_LANGUAGE},
        "date_modified": timezone.localdate(area.updated_at),
    }
    return render(request, "pages/programarea_detail.html", context)
