"""Funding figures grouped for display: a country's table and charts, a program area's totals.

Everything here works on lists already fetched, so the pages that use it
keep a fixed number of queries: the country page hands over its prefetched
figures; a program area's totals take one query.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.db.models import QuerySet

from pages.formatting import format_amount, format_period
from pages.models import CountryPage, FundingFigure, ProgramArea
from pages.models.funding import TRADE_KINDS
from pages.models.program import area_url
from pages.prepared import PreparedRows
from pages.rows import TemplateRow, by_order, page_rows

KIND_ORDER = {kind: index for index, kind in enumerate(FundingFigure.Kind.values)}
TRADE_FLOWS = (FundingFigure.Kind.TRADE_EXPORTS, FundingFigure.Kind.TRADE_IMPORTS)


@dataclass(frozen=True, slots=True)
class AreaLink(TemplateRow):
    """A figure's program area as a country page shows it, in one language."""

    pk: int
    order: int
    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(slots=True)
class FigureRow(TemplateRow):
    """
    A funding figure as a country page shows it: its text in one language, no model instance.

    Same attribute names as FundingFigure, so the table, the charts and
    FundingSummary take either; building a dozen model instances (and their
    program areas) was a measurable part of every uncached country page.
    """

    pk: int
    order: int
    amount: Decimal
    more_than: bool
    kind: str
    period_type: str
    start_year: int
    end_year: int | None
    label: str
    source_url: str
    as_of: datetime.date | None
    part_of_id: int | None
    program_area: AreaLink | None

    @property
    def is_trade(self) -> bool:
        return self.kind in TRADE_KINDS

    def display_amount(self, language: str | None = None) -> str:
        return format_amount(self.amount, self.more_than, language)

    def display_period(self, language: str | None = None) -> str:
        return format_period(self.period_type, self.start_year, self.end_year, language)


@dataclass
class KindGroup:
    """One kind of figure on a country page (a `<tbody>` of the funding table)."""

    kind: str
    label: str
    figures: list[FundingFigure | FigureRow] = field(default_factory=list)


@dataclass
class TradeYear:
    year: int
    exports: Decimal | None = None
    imports: Decimal | None = None
    # Whether a figure added into exports (imports) was a "more than" amount.
    exports_more_than: bool = False
    imports_more_than: bool = False

    def display(self, series: str, language: str | None = None) -> str | None:
        """The year's exports or imports (`series`) as text, or None without a figure."""
        value = getattr(self, series)
        if value is None:
            return None
        return format_amount(value, getattr(self, f"{series}_more_than"), language)


def _kind_label(kind: str) -> str:
    # What get_kind_display() returns, without its per-call hashing of every
    # lazy choice label (a measurable part of rendering a country page).
    return str(FundingFigure.Kind(kind).label) if kind in KIND_ORDER else kind


@cache
def _country_figures_query(language: str) -> PreparedRows:
    # One per language and process, compiled once (pages/prepared.py). The
    # page's language only, and a program area's English slug, which stands
    # in for a missing one (as ProgramArea.get_absolute_url).
    return page_rows(
        FundingFigure,
        "pk",
        "order",
        "amount",
        "more_than",
        "kind",
        "period_type",
        "start_year",
        "end_year",
        f"label_{language}",
        f"source_url_{language}",
        "as_of",
        "part_of_id",
        "program_area_id",
        "program_area__order",
        f"program_area__name_{language}",
        f"program_area__slug_{language}",
        "program_area__slug_en",
    )


def country_figures(page_id: int, language: str) -> list[FigureRow]:
    """A country page's figures in `language`, in the editors' order: one query."""
    # A translated field reads as its value in the page's language, or ""
    # when it has none: fallbacks are off (MODELTRANSLATION_FALLBACK_LANGUAGES).
    areas: dict[int, AreaLink] = {}
    rows = []
    for (
        pk,
        order,
        amount,
        more_than,
        kind,
        period_type,
        start_year,
        end_year,
        label,
        source_url,
        as_of,
        part_of_id,
        area_id,
        area_order,
        area_name,
        area_slug,
        area_slug_en,
    ) in _country_figures_query(language)(page=page_id):
        area = None
        if area_id is not None:
            area = areas.get(area_id)
            if area is None:
                area = areas[area_id] = AreaLink(
                    pk=area_id,
                    order=area_order,
                    name=area_name or "",
                    url=area_url(language, area_slug or area_slug_en),
                )
        rows.append(
            FigureRow(
                pk=pk,
                order=order,
                amount=amount,
                more_than=more_than,
                kind=kind,
                period_type=period_type,
                start_year=start_year,
                end_year=end_year,
                label=label or "",
                source_url=source_url or "",
                as_of=as_of,
                part_of_id=part_of_id,
                program_area=area,
            )
        )
    return by_order(rows)


def _area_key(figure: FundingFigure | FigureRow) -> tuple:
    area = figure.program_area
    # Figures without a program area come after those with one.
    return (area is None, area.order if area else 0, area.pk if area else 0)


class FundingSummary:
    """A country's figures grouped by kind and program area, and the series its charts draw."""

    def __init__(self, figures: list[FundingFigure] | list[FigureRow]) -> None:
        self.figures = list(figures)

    def __bool__(self) -> bool:
        return bool(self.figures)

    def groups(self) -> list[KindGroup]:
        """Figures by kind (in the Kind order), then by program area, then the editor's order."""
        by_kind: dict[str, KindGroup] = {}
        for figure in self.figures:
            group = by_kind.get(figure.kind)
            if group is None:
                group = by_kind[figure.kind] = KindGroup(figure.kind, _kind_label(figure.kind))
            group.figures.append(figure)
        groups = sorted(by_kind.values(), key=lambda group: KIND_ORDER.get(group.kind, 99))
        for group in groups:
            # sorted() is stable: the editor's order stays within a program area.
            group.figures.sort(key=_area_key)
        return groups

    def assistance_series(self) -> list[FundingFigure | FigureRow]:
        """
        Assistance figures with a bounded period, oldest first, for the assistance chart.

        Cumulative "since" totals are left to the table: drawn beside
        yearly figures they would dwarf them and compare unlike things.
        """
        series = [
            figure
            for figure in self.figures
            if not figure.is_trade and figure.period_type != FundingFigure.PeriodType.SINCE
        ]
        return sorted(series, key=lambda f: (f.start_year, f.end_year or f.start_year))

    def trade_series(self) -> list[TradeYear]:
        """Exports and imports per calendar year, oldest first, for the trade chart."""
        years: dict[int, TradeYear] = {}
        for figure in self.figures:
            if figure.kind not in TRADE_FLOWS:
                continue
            if figure.period_type != FundingFigure.PeriodType.YEAR:
                continue
            entry = years.setdefault(figure.start_year, TradeYear(figure.start_year))
            name = "exports" if figure.kind == FundingFigure.Kind.TRADE_EXPORTS else "imports"
            setattr(entry, name, (getattr(entry, name) or Decimal(0)) + figure.amount)
            if figure.more_than:
                setattr(entry, f"{name}_more_than", True)
        return [years[year] for year in sorted(years)]


@dataclass
class CountryAmount:
    page: CountryPage
    amount: Decimal
    # A sum with a "more than" figure in it is itself "more than".
    more_than: bool = False


@dataclass
class AreaTotal:
    """Figures of one kind for exactly one period, added up across countries."""

    kind: str
    kind_label: str
    period_type: str
    start_year: int
    end_year: int | None
    total: Decimal = Decimal(0)
    more_than: bool = False
    countries: list[CountryAmount] = field(default_factory=list)

    @property
    def sample(self) -> FundingFigure:
        """A figure with this total's period, to format the period the usual way."""
        return FundingFigure(
            period_type=self.period_type, start_year=self.start_year, end_year=self.end_year
        )


def area_figures(area: ProgramArea) -> QuerySet[FundingFigure]:
    """The figures of published country pages in `area`, with their pages: one query."""
    return (
        FundingFigure.objects.filter(program_area=area, page__in=CountryPage.objects.published())
        .select_related("page")
        .order_by("pk")
    )


def area_totals(figures: list[FundingFigure], language: str) -> list[AreaTotal]:
    """
    Totals across countries, one per kind and exact period.

    Only like is added to like: humanitarian assistance for 2018-2019 in
    several countries makes a total; "since 2000" and "since 2012", or a
    fiscal year and a range of years, never do. A figure whose whole is in
    the same total is left out, so nothing is counted twice.
    """
    buckets: dict[tuple, list[FundingFigure]] = defaultdict(list)
    for figure in figures:
        key = (figure.kind, figure.period_type, figure.start_year, figure.end_year)
        buckets[key].append(figure)
    totals = []
    for (kind, period_type, start, end), members in buckets.items():
        ids = {figure.pk for figure in members}
        counted = [figure for figure in members if figure.part_of_id not in ids]
        per_country: dict[int, CountryAmount] = {}
        for figure in counted:
            entry = per_country.setdefault(figure.page_id, CountryAmount(figure.page, Decimal(0)))
            entry.amount += figure.amount
            entry.more_than = entry.more_than or figure.more_than
        total = AreaTotal(
            kind=kind,
            kind_label=_kind_label(members[0].kind),
            period_type=period_type,
            start_year=start,
            end_year=end,
            total=sum((entry.amount for entry in per_country.values()), Decimal(0)),
            more_than=any(entry.more_than for entry in per_country.values()),
            countries=sorted(
                per_country.values(),
                key=lambda entry: (
                    -entry.amount,
                    getattr(entry.page, f"name_{language}") or entry.page.name_en,
                ),
            ),
        )
        totals.append(total)
    # By kind, then the most recent period first.
    totals.sort(key=lambda t: (KIND_ORDER.get(t.kind, 99), -t.start_year, -(t.end_year or 0)))
    return totals
