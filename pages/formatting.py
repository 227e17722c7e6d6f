"""Money, number, period and date formatting for English and Canadian French."""

import datetime
from decimal import Decimal

from babel.numbers import format_compact_decimal, format_decimal
from django.utils.translation import get_language, gettext, override

BABEL_LOCALES = {"en": "en_CA", "fr": "fr_CA"}
NBSP = "\u00a0"
MILLION = Decimal(1_000_000)


def _language(language: str | None) -> str:
    code = (language or get_language() or "en")[:2]
    return code if code in BABEL_LOCALES else "en"


def format_number(value: Decimal | int | float, language: str | None = None) -> str:
    """A plain number with the locale's separators: 15,000 / 15 000 (non-breaking)."""
    language = _language(language)
    value = Decimal(value)
    if value == value.to_integral_value():
        value = value.to_integral_value()
    return format_decimal(value, locale=BABEL_LOCALES[language], group_separator=True)


def format_money(amount: Decimal | int | float, language: str | None = None) -> str:
    """
    $1.6 billion / 1,6 milliard de dollars; $45,250 / 45 250 $.

    From a million up, amounts read in words (Babel's long compact decimal
    format, which agrees "million"/"millions" in French); below that they
    are written in full.
    """
    language = _language(language)
    locale = BABEL_LOCALES[language]
    amount = Decimal(amount)
    if amount >= MILLION:
        words = format_compact_decimal(amount, format_type="long", locale=locale, fraction_digits=2)
        words = words.replace(" ", NBSP)
        if language == "fr":
            return f"{words}{NBSP}de{NBSP}dollars"
        return f"${words}"
    number = format_number(amount.quantize(Decimal("0.01")), language)
    if language == "fr":
        return f"{number}{NBSP}$"
    return f"${number}"


def format_period(
    period_type: str, start_year: int, end_year: int | None, language: str | None = None
) -> str:
    """2018-2019, 2019, 2016-2019, since 2000 / depuis 2000."""
    language = _language(language)
    if period_type == "since":
        with override(language):
            return gettext("since %(year)s") % {"year": start_year}
    if end_year:
        return f"{start_year}-{end_year}"
    return str(start_year)


def format_date(value: datetime.date) -> str:
    """Canada.ca writes dates as YYYY-MM-DD in both languages."""
    return value.isoformat()
