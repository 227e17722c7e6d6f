"""Public views: language selection, home, country pages and program areas."""

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from pages.cache import cache_public_page
from pages.funding import area_figures, area_totals
from pages.models import CountryPage, FundingFigure, PageItem, ProgramArea, Section
from pages.slug_redirects import redirect_old_slug

OTHER_LANGUAGE = {"en": "fr", "fr": "en"}


@require_GET
def language_select(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/language_select.html")


@cache_public_page
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    language = get_language()
    countries = CountryPage.objects.published().order_by(f"name_{language}", "name_en")
    return render(
        request,
        "pages/home.html",
        {"countries": countries, "program_areas": ProgramArea.objects.ordered()},
    )


def country_page_queryset():
    """Everything the country page shows, in a fixed number of queries."""
    return CountryPage.objects.select_related("hero_image").prefetch_related(
        Prefetch(
            "sections",
            queryset=Section.objects.select_related("image", "program_area").order_by(
                "order", "pk"
            ),
        ),
        Prefetch(
            "funding_figures",
            queryset=FundingFigure.objects.select_related("program_area").order_by("order", "pk"),
        ),
        Prefetch("items", queryset=PageItem.objects.order_by("kind", "order", "pk")),
    )


@cache_public_page
@require_GET
def country_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = get_language()
    other = OTHER_LANGUAGE[language]
    page = country_page_queryset().published().filter(**{f"slug_{language}": slug}).first()
    if page is None:
        # A slug of the other language: send the visitor to this language's URL.
        page = CountryPage.objects.published().filter(**{f"slug_{other}": slug}).first()
        if page is None:
            # A slug the page had before it was renamed: 301 to its URL now, or 404.
            return redirect_old_slug(language, slug)
        target = page.get_absolute_url(language)
        if target != request.path:
            return HttpResponsePermanentRedirect(target)
        page = country_page_queryset().get(pk=page.pk)
    return render(request, "pages/countrypage_detail.html", country_page_context(page, language))


def country_page_context(page: CountryPage, language: str) -> dict:
    """The country page template's context; the staff preview renders with it too."""
    items: dict[str, list[PageItem]] = {kind: [] for kind in PageItem.Kind.values}
    for item in page.items.all():
        items[item.kind].append(item)
    return {
        "page": page,
        "available": page.is_available_in(language),
        "sections": page.sections.all(),
        "figures": page.funding_figures.all(),
        "focus_points": items[PageItem.Kind.FOCUS],
        "results": items[PageItem.Kind.RESULT],
        "videos": items[PageItem.Kind.VIDEO],
        "links": items[PageItem.Kind.LINK],
        "alternate_urls": {code: page.get_absolute_url(code) for code in ("en", "fr")},
    }


@cache_public_page
@require_GET
def programarea_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = get_language()
    other = OTHER_LANGUAGE[language]
    area = ProgramArea.objects.filter(**{f"slug_{language}": slug}).first()
    if area is None:
        area = get_object_or_404(ProgramArea, **{f"slug_{other}": slug})
        target = area.get_absolute_url(language)
        if target != request.path:
            return HttpResponsePermanentRedirect(target)
    countries = (
        CountryPage.objects.published()
        .filter(Q(sections__program_area=area) | Q(funding_figures__program_area=area))
        .distinct()
        .order_by(f"name_{language}", "name_en")
    )
    context = {
        "area": area,
        "countries": countries,
        "funding_totals": area_totals(list(area_figures(area)), language),
        "alternate_urls": {code: area.get_absolute_url(code) for code in ("en", "fr")},
    }
    return render(request, "pages/programarea_detail.html", context)
