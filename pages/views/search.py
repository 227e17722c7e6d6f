"""The site search results page: /en/search/?q=… and /fr/recherche/?q=…."""

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from pages import search as site_search
from pages.models.country import OTHER_LANGUAGE
from pages.reversing import fixed_url
from pages.views.methods import read_only

RESULTS_PER_PAGE = 10


def search_url(language: str, text: str) -> str:
    url = fixed_url("pages:search", language=language)
    return f"{url}?{urlencode({'q': text})}" if text else url


def pagination(page_obj: Page, base_url: str) -> dict:
    """Links for the pagination nav: previous, numbered pages (elided), next."""

    def link(number: int) -> str:
        return f"{base_url}&page={number}"

    paginator = page_obj.paginator
    return {
        "previous": link(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next": link(page_obj.next_page_number()) if page_obj.has_next() else "",
        "pages": [
            {
                "number": number,
                "url": link(number) if isinstance(number, int) else "",
                "current": number == page_obj.number,
            }
            for number in paginator.get_elided_page_range(page_obj.number)
        ],
    }


@read_only
def search(request: HttpRequest) -> HttpResponse:
    language = get_language()
    other = OTHER_LANGUAGE[language]
    text, truncated = site_search.clean_query(request.GET.get("q", ""))
    parsed = site_search.parse_query(text)
    terms = parsed.include
    alternate_urls = {code: search_url(code, text) for code in ("en", "fr")}
    context = {
        "query": text,
        "truncated": truncated,
        "max_length": site_search.MAX_QUERY_LENGTH,
        # PostgreSQL searches the whole query; only SQLite stops at MAX_TERMS.
        "skipped": "" if site_search.uses_full_text() else " ".join(parsed.skipped),
        "max_terms": site_search.MAX_TERMS,
        "alternate_urls": alternate_urls,
        "search_query": text,
        "searched": bool(terms),
        # A results page is not content of its own for search engines (they
        # follow its links); the empty search page stays indexable.
        "noindex": bool(text),
    }
    if terms:
        paginator = Paginator(site_search.search(text, language, parsed), RESULTS_PER_PAGE)
        # get_page() turns a bad or out-of-range ?page= into the first or last page.
        page_obj = paginator.get_page(request.GET.get("page"))
        results = [
            {"entry": entry, "excerpt": site_search.result_excerpt(entry, terms)}
            for entry in page_obj
        ]
        context.update(page_obj=page_obj, results=results, count=paginator.count)
        if paginator.count == 0:
            context["other_language"] = other
            context["other_count"] = site_search.search(text, other, parsed).count()
            context["other_url"] = alternate_urls[other]
        context["pagination"] = pagination(page_obj, alternate_urls[language])
    return render(request, "pages/search_results.html", context)
