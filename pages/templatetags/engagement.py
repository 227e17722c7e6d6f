"""Template filters for locale-aware money, numbers, periods and dates."""

import datetime
from decimal import Decimal

from django import template

from pages import formatting

register = template.Library()


@register.filter
def money(amount: Decimal | None) -> str:
    return "" if amount is None else formatting.format_money(amount)


@register.filter
def number(value: Decimal | None) -> str:
    return "" if value is None else formatting.format_number(value)


@register.filter
def period(figure) -> str:
    return formatting.format_period(figure.period_type, figure.start_year, figure.end_year)


@register.filter
def isodate(value: datetime.date | None) -> str:
    return "" if value is None else formatting.format_date(value)
