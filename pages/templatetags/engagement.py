"""Template filters for locale-aware money, numbers, periods and dates, and the funding section."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.safestring import SafeString

from pages import formatting, markup
from pages.charts import funding_charts
from pages.funding import FundingSummary, KindGroup

register = template.Library()


# Filters fail silently, as Django's own do: a bad value renders as nothing
# rather than turning the page into an error.
BAD_NUMBER = (InvalidOperation, TypeError, ValueError)


def _quietly(format_value: Callable[[Any], str], value: Any) -> str:
    try:
        return format_value(value)
    except BAD_NUMBER:  # None and "" included: Decimal() refuses them.
        return ""


@register.filter
def money(amount: Decimal | None, more_than: bool = False) -> str:
    """
    `{{ figure.amount|money }}`: $139.93 million / 139,93 millions de dollars.

    `{{ total.total|money:total.more_than }}`: "more than $30 million" when
    the amount is a minimum (FundingFigure.more_than).
    """
    return _quietly(lambda value: formatting.format_amount(value, bool(more_than)), amount)


@register.filter
def number(value: Decimal | None) -> str:
    """`{{ result.value|number }}`: 15,000 / 15 000."""
    return _quietly(formatting.format_number, value)


@register.filter
def period(figure) -> str:
    """`{{ figure|period }}`: 2018-2019, 2019, since 2000 / depuis 2000."""
    if not getattr(figure, "period_type", None) or not getattr(figure, "start_year", None):
        return ""
    return formatting.format_period(figure.period_type, figure.start_year, figure.end_year)


@register.filter
def isodate(value: datetime.date | None) -> str:
    return "" if value is None else formatting.format_date(value)


@register.filter
def plain(value: Decimal | None) -> str:
    """
    A Decimal as language-neutral text ("139930000.00"), for machine-readable attributes.

    Django would otherwise localize it in French pages ("139930000,00").
    """
    return "" if value is None else str(value)


@dataclass
class FundingSection:
    groups: list[KindGroup]
    charts: dict[str, SafeString]


@register.simple_tag
def funding_section(figures) -> FundingSection:
    """
    `{% funding_section figures as funding %}`: the table's groups and the charts.

    Works on the figures the view has already fetched: no query.
    """
    summary = FundingSummary(list(figures))
    return FundingSection(groups=summary.groups(), charts=funding_charts(summary))


# The page's repeated parts, written in Python (pages/markup.py), each a tag
# of the same name and arguments: {% figure image figure_class="hero-image"
# sizes="100vw" loading="eager" %}, {% funding_rows funding.groups %},
# {% sections sections %}, {% focus_points focus_points %},
# {% results results %}, {% related_links links %}.
for _writer in (
    markup.figure,
    markup.funding_rows,
    markup.sections,
    markup.focus_points,
    markup.results,
    markup.related_links,
):
    register.simple_tag(_writer)
