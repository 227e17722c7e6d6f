"""Open data: the funding figures of published country pages as CSV and JSON, and their schema.

The downloads are language-neutral (`/open-data/funding.csv`, optionally
`?country=ML`): the same file serves both languages, with every text in
English and French columns side by side, numbers as plain decimals and
dates and codes in ISO formats. The columns are listed once, in
`COLUMNS`, which the schema page and the README's table describe.
"""

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop, override
from django.utils.translation import gettext_lazy as _

from pages.formatting import format_amount, format_money, format_period
from pages.models import CountryPage, FundingFigure
from pages.reversing import fixed_url
from pages.views.methods import read_only

SCHEMA_VERSION = "1"
# IATI SectorVocabulary 99: "Reporting Organisation" (the site's own program areas).
SECTOR_VOCABULARY = "99"
# IATI TransactionType codes: 2 Outgoing Commitment, 3 Disbursement.
IATI_TRANSACTION_TYPES = {
    FundingFigure.Flow.COMMITMENT: "2",
    FundingFigure.Flow.DISBURSEMENT: "3",
}
COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")
LANGUAGES = ("en", "fr")
# Shown in English and French together (see _bilingual), so marked here and
# translated when used.
NOT_A_CODE = gettext_noop("“%(code)s” is not a country code: use two letters, e.g. ?country=ML.")
NO_SUCH_COUNTRY = gettext_noop("No published country page has the code %(code)s.")
# A cell starting with one of these is a formula to a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    description: Promise
    iati: str
    value: Callable[[FundingFigure, HttpRequest], Any]
    # For a description with "%(example)s": the example's language and text,
    # which the schema page marks with lang (it may be the other language).
    example: tuple[str, str] | None = None

    def described(self) -> str:
        """The description as the schema page shows it, its example in its own language."""
        if self.example is None:
            return str(self.description)
        language, example = self.example
        before, _marker, after = str(self.description).partition("%(example)s")
        return format_html('{}<span lang="{}">{}</span>{}', before, language, example, after)


def _in(language: str, compute: Callable[[], Any]) -> Any:
    with override(language):
        return compute()


def _page_url(figure: FundingFigure, request: HttpRequest, language: str) -> str:
    page = figure.page
    if not page.is_available_in(language):
        return ""
    return request.build_absolute_uri(page.get_absolute_url(language))


def _period_end(figure: FundingFigure, request: HttpRequest) -> str:
    end = figure.period_dates()[1]
    if end is None:
        # A "since" total runs to the date it was counted.
        end = figure.as_of
    return end.isoformat() if end else ""


def _area(figure: FundingFigure, attribute: str) -> str:
    area = figure.program_area
    return getattr(area, attribute) or "" if area else ""


COLUMNS = [
    Column("id", _("The figure's number on this site; stable."), "", lambda f, r: f.pk),
    Column(
        "recipient_country_code",
        _("ISO 3166-1 alpha-2 code of the country, e.g. ML."),
        "recipient-country/@code",
        lambda f, r: f.page.iso_code,
    ),
    Column("country_name_en", _("Country name in English."), "", lambda f, r: f.page.name_en),
    Column("country_name_fr", _("Country name in French."), "", lambda f, r: f.page.name_fr),
    Column(
        "kind",
        _(
            "What the amount counts: assistance, development, humanitarian, stabilization, "
            "trade_total, trade_exports, trade_imports or investment."
        ),
        "",
        lambda f, r: f.kind,
    ),
    Column(
        "kind_label_en",
        _("The kind in English."),
        "",
        lambda f, r: _in("en", f.get_kind_display),
    ),
    Column(
        "kind_label_fr",
        _("The kind in French."),
        "",
        lambda f, r: _in("fr", f.get_kind_display),
    ),
    Column(
        "sector_vocabulary",
        _("Always 99 (IATI: the reporting organisation's own vocabulary) when there is a sector."),
        "sector/@vocabulary",
        lambda f, r: SECTOR_VOCABULARY if f.program_area_id else "",
    ),
    Column(
        "sector_code",
        _("The program area's identifier (its English slug), e.g. humanitarian-assistance."),
        "sector/@code",
        lambda f, r: _area(f, "slug_en"),
    ),
    Column(
        "program_area_en",
        _("Program area in English."),
        "sector/narrative",
        lambda f, r: _area(f, "name_en"),
    ),
    Column(
        "program_area_fr",
        _("Program area in French."),
        "sector/narrative",
        lambda f, r: _area(f, "name_fr"),
    ),
    Column("label_en", _("What the figure is, in English."), "", lambda f, r: f.label_en or ""),
    Column("label_fr", _("What the figure is, in French."), "", lambda f, r: f.label_fr or ""),
    Column(
        "period_type",
        _("fiscal (April 1 to March 31), year, range (calendar years) or since."),
        "",
        lambda f, r: f.period_type,
    ),
    Column("start_year", _("First year of the period."), "", lambda f, r: f.start_year),
    Column(
        "end_year",
        _("Last year of the period; empty for a single year and for “since”."),
        "",
        lambda f, r: f.end_year,
    ),
    Column(
        "period_label_en",
        _("The period as the English page writes it, e.g. 2018-2019 or %(example)s."),
        "",
        lambda f, r: f.display_period("en"),
        ("en", format_period("since", 2000, None, "en")),
    ),
    Column(
        "period_label_fr",
        _("The period as the French page writes it, e.g. 2018-2019 or %(example)s."),
        "",
        lambda f, r: f.display_period("fr"),
        ("fr", format_period("since", 2000, None, "fr")),
    ),
    Column(
        "period_start",
        _("First day of the period, YYYY-MM-DD (a fiscal year 2018-2019 starts 2018-04-01)."),
        "period-start/@iso-date",
        lambda f, r: f.period_dates()[0].isoformat(),
    ),
    Column(
        "period_end",
        _(
            "Last day of the period, YYYY-MM-DD (2019-03-31 for the fiscal year 2018-2019); "
            "for “since”, the “as of” date, or empty."
        ),
        "period-end/@iso-date",
        _period_end,
    ),
    Column(
        "value",
        _("The amount as a plain decimal with a point and two decimals, e.g. 139930000.00."),
        "value",
        lambda f, r: str(f.amount),
    ),
    Column(
        "currency",
        _("ISO 4217 currency code: CAD."),
        "value/@currency",
        lambda f, r: f.currency,
    ),
    Column(
        "value_display_en",
        _("The amount as the English page shows it, e.g. %(example)s."),
        "",
        lambda f, r: format_amount(f.amount, f.more_than, "en"),
        ("en", format_money(Decimal("139930000"), "en")),
    ),
    Column(
        "value_display_fr",
        _("The amount as the French page shows it, e.g. %(example)s."),
        "",
        lambda f, r: format_amount(f.amount, f.more_than, "fr"),
        ("fr", format_money(Decimal("139930000"), "fr")),
    ),
    Column(
        "transaction_type",
        _("disbursement, commitment, or empty when not stated and for trade and investment."),
        "",
        lambda f, r: f.flow,
    ),
    Column(
        "iati_transaction_type",
        _("IATI transaction type code: 3 for a disbursement, 2 for a commitment, else empty."),
        "transaction-type/@code",
        lambda f, r: IATI_TRANSACTION_TYPES.get(f.flow, ""),
    ),
    Column(
        "part_of",
        _("The id of the larger figure this one is included in, if any."),
        "",
        lambda f, r: f.part_of_id,
    ),
    Column(
        "source_url_en",
        _("Where the figure comes from (English page)."),
        "",
        lambda f, r: f.source_url_en or "",
    ),
    Column(
        "source_url_fr",
        _("Where the figure comes from (French page)."),
        "",
        lambda f, r: f.source_url_fr or "",
    ),
    Column(
        "as_of",
        _("The date the figure was true on, YYYY-MM-DD, or empty."),
        "value/@value-date",
        lambda f, r: f.as_of.isoformat() if f.as_of else "",
    ),
    Column(
        "page_url_en",
        _("The country page in English, if it has an English version."),
        "",
        lambda f, r: _page_url(f, r, "en"),
    ),
    Column(
        "page_url_fr",
        _("The country page in French, if it has a French version."),
        "",
        lambda f, r: _page_url(f, r, "fr"),
    ),
    Column(
        "more_than",
        _(
            "true when the source gives “more than” or “over” the amount (the value is a "
            "minimum, and the pages say so), else false."
        ),
        "",
        lambda f, r: f.more_than,
    ),
]
COLUMN_NAMES = [column.name for column in COLUMNS]


def published_figures() -> QuerySet[FundingFigure]:
    """Figures of the pages visitors can see now, with what the columns need: one query."""
    return (
        FundingFigure.objects.filter(page__in=CountryPage.objects.published())
        .select_related("page", "program_area")
        .order_by("page__iso_code", "order", "pk")
    )


def rows(figures: QuerySet[FundingFigure], request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {column.name: column.value(figure, request) for column in COLUMNS} for figure in figures
    ]


def _bilingual(message: str, **params: Any) -> str:
    """A message in both languages: these URLs belong to neither."""
    texts = []
    for language in LANGUAGES:
        with override(language):
            texts.append(gettext(message) % params)
    return " / ".join(texts)


def _bad_request(message: str, **params: Any) -> HttpResponse:
    return HttpResponseBadRequest(
        _bilingual(message, **params), content_type="text/plain; charset=utf-8"
    )


def _not_found(message: str, **params: Any) -> HttpResponse:
    return HttpResponse(
        _bilingual(message, **params), status=404, content_type="text/plain; charset=utf-8"
    )


@read_only
def funding_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """`/open-data/funding.csv` or `.json`, the whole site or `?country=ML`."""
    figures = published_figures()
    name = "funding"
    country = request.GET.get("country")
    if country is not None:
        if not COUNTRY_CODE.match(country):
            return _bad_request(NOT_A_CODE, code=country[:20])
        country = country.upper()
        if not CountryPage.objects.published().filter(iso_code=country).exists():
            return _not_found(NO_SUCH_COUNTRY, code=country)
        figures = figures.filter(page__iso_code=country)
        name = f"funding-{country.lower()}"
    data = rows(figures, request)
    if fmt == "json":
        return _json_response(request, data, f"{name}.json")
    return _csv_response(data, f"{name}.csv")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as the JSON writes it
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # Text an editor typed must not run as a spreadsheet formula (CSV
        # injection); the quote mark is what spreadsheets show for "text".
        return "'" + value
    return value


def _csv_response(data: list[dict[str, Any]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES, lineterminator="\r\n")
    writer.writeheader()
    for row in data:
        writer.writerow({key: _csv_cell(value) for key, value in row.items()})
    # The byte-order mark lets spreadsheet programs (Excel above all) read the
    # French labels as UTF-8; csv readers and pandas accept it ("utf-8-sig").
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_response(request: HttpRequest, data: list[dict[str, Any]], filename: str) -> HttpResponse:
    schema_urls = {
        language: request.build_absolute_uri(fixed_url("pages:opendata", language=language))
        for language in LANGUAGES
    }
    document = {
        "schema_version": SCHEMA_VERSION,
        "schema": schema_urls,
        "count": len(data),
        "figures": data,
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@read_only
def opendata_schema(request: HttpRequest) -> HttpResponse:
    """The page that documents the downloads: URLs, formats and every column."""
    alternate_urls = {
        language: fixed_url("pages:opendata", language=language) for language in LANGUAGES
    }
    countries = list(CountryPage.objects.published().order_by("iso_code"))
    context = {
        "columns": COLUMNS,
        "schema_version": SCHEMA_VERSION,
        "countries": countries,
        "alternate_urls": alternate_urls,
        # The page lists the published countries, and the files it documents
        # hold their figures: it changes when one of them does.
        "date_modified": max((country.date_modified for country in countries), default=None),
    }
    return render(request, "pages/opendata.html", context)
