"""Money, number, period and date formatting for English and Canadian French.

The one place where amounts become text: templates (the `money`, `number`,
`period` and `isodate` filters), the admin and the open-data display
columns all call these functions, so a figure reads the same everywhere.

Rules (DESIGN.md "Money and numbers", Canada.ca and the Translation Bureau):

- From one million up, amounts read in words with at most two decimals,
  trailing zeros dropped: `$1.6 billion` / `1,6 milliard de dollars`,
  `$139.93 million` / `139,93 millions de dollars`. The words come from
  Babel's *long* compact decimal format (CLDR), whose plural rules give the
  French agreement: "million" below 2 (`1,5 million`, `0,5 million`),
  "millions" from 2 up. Rounding is half up, as a reader expects
  (1,005,000 reads `$1.01 million`), not Python's half-even.
- Below one million, amounts are written in full: `$500,000` /
  `500 000 $`, `$45,250` / `45 250 $`; cents only when there are some:
  `$1,234.50` / `1 234,50 $`. "0.5 million" is therefore written
  `$500,000`: the Canada.ca style writes millions in words and smaller
  sums in figures.
- Spaces: every space inside a formatted amount or number is U+00A0
  NO-BREAK SPACE, in both languages. The Translation Bureau's *Guide du
  rédacteur* (2.3.1) asks that a number never be split at the end of a
  line and separates French digit groups with a plain (not thin) space;
  CLDR's fr_CA data uses U+00A0 too (fr_FR uses U+202F, the narrow one,
  which some fonts and screen readers handle poorly). The space before
  "$" and between the number and "million"/"de dollars" is the same
  character, so `1,6 milliard de dollars` never wraps.
- Never Django's `intword` (wrong French agreement) and never Babel's
  compact *currency* format ("1,6 G $", which the Translation Bureau
  advises against).
"""

import datetime
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import Any

import babel.core
from babel import Locale, localedata
from babel.numbers import format_compact_decimal, format_decimal
from django.utils.translation import get_language, gettext, override, pgettext

BABEL_LOCALES = {"en": "en_CA", "fr": "fr_CA"}
NBSP = "\u00a0"
MILLION = Decimal(1_000_000)
# Units at which an amount switches to words; each is 1000 times the last,
# so Babel's compact format (which picks the same units) agrees.
WORD_UNITS = (Decimal(10) ** 12, Decimal(10) ** 9, MILLION)
CENT = Decimal("0.01")
# Babel and CLDR put U+00A0 or U+202F (and sometimes a plain space) in
# different places; all of them become one character, see the module docstring.
SPACES = str.maketrans({" ": NBSP, "\u202f": NBSP, "\u2009": NBSP})


class NumberLocale(Locale):
    """
    A CLDR locale holding only the number data that this module formats with.

    To format a number, Babel loads the locale's whole CLDR data and its
    parents' (names of languages, territories and time zones, calendars
    ...): about 5 MiB for en_CA and fr_CA together, kept for the life of
    every server process. The few entries used here are copied out as plain
    data, and Babel's cache of the rest is let go.
    """

    NUMBER_KEYS = (
        "number_symbols",
        "decimal_formats",
        "compact_decimal_formats",
        "plural_form",
        "default_numbering_system",
    )

    def __init__(self, language: str, territory: str) -> None:
        super().__init__(language, territory)
        full = Locale(language, territory)
        self._numbers = localedata.LocaleDataDict(
            {key: _plain(getattr(full, key)) for key in self.NUMBER_KEYS}
        )

    @property
    def _data(self) -> localedata.LocaleDataDict:
        return self._numbers


def _plain(value: Any) -> Any:
    # Babel's mappings keep a reference to the whole locale they came from.
    if isinstance(value, Mapping):
        return {key: _plain(value[key]) for key in value}
    return value


@cache
def number_locale(language: str) -> NumberLocale:
    locale = NumberLocale(*BABEL_LOCALES[language].split("_"))
    _release_babel_caches()
    return locale


def _release_babel_caches() -> None:
    """
    Let go of the CLDR data Babel loaded to build a NumberLocale.

    Babel keeps every locale it loaded, and its global data, in module-level
    caches that it reloads on demand; they are private, hence the guards: if
    a release renames them, the memory simply stays in use
    (tests/test_formatting.py notices).
    """
    for name in ("_cache", "_dict_cache"):
        loaded = getattr(localedata, name, None)
        if isinstance(loaded, dict):
            loaded.clear()
    if getattr(babel.core, "_global_data", None) is not None:
        babel.core._global_data = None


def _language(language: str | None) -> str:
    code = (language or get_language() or "en")[:2]
    return code if code in BABEL_LOCALES else "en"


def _round_for_words(amount: Decimal) -> Decimal:
    """The amount rounded half up to two decimals of its unit (million, billion …)."""
    for unit in WORD_UNITS:
        if amount >= unit:
            return (amount / unit).quantize(CENT, rounding=ROUND_HALF_UP) * unit
    return amount


def format_number(value: Decimal | int | float, language: str | None = None) -> str:
    """A plain number with the locale's separators: 15,000 / 15 000 (non-breaking)."""
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return _format_number(value, _language(language))


# Babel's formatting costs tens of microseconds per call and a page formats
# dozens of amounts, mostly the same few; the result depends only on the
# value and the language, so it is memoised (bounded; equal Decimals such as
# 1.5 and 1.50 format alike, so sharing an entry is correct).
@lru_cache(maxsize=4096)
def _format_number(value: Decimal, language: str) -> str:
    if value == value.to_integral_value():
        value = value.to_integral_value()
    text = format_decimal(value, locale=number_locale(language), group_separator=True)
    return text.translate(SPACES)


def format_money(amount: Decimal | int | float, language: str | None = None) -> str:
    """
    $1.6 billion / 1,6 milliard de dollars; $45,250 / 45 250 $.

    See the module docstring for the rules; `language` defaults to the
    active one.
    """
    amount = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    return _format_money(amount, _language(language))


@lru_cache(maxsize=4096)
def _format_money(amount: Decimal, language: str) -> str:
    locale = number_locale(language)
    sign = "-" if amount < 0 else ""
    # Cents first, so 999,999.995 becomes a million and reads in words.
    cents = abs(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    rounded = _round_for_words(cents)
    if rounded >= MILLION:
        words = format_compact_decimal(
            rounded, format_type="long", locale=locale, fraction_digits=2
        ).translate(SPACES)
        if language == "fr":
            return f"{sign}{words}{NBSP}de{NBSP}dollars"
        return f"{sign}${words}"
    pattern = "#,##0" if cents == cents.to_integral_value() else "#,##0.00"
    number = format_decimal(cents, format=pattern, locale=locale).translate(SPACES)
    if language == "fr":
        return f"{sign}{number}{NBSP}$"
    return f"{sign}${number}"


def format_amount(
    amount: Decimal | int | float, more_than: bool = False, language: str | None = None
) -> str:
    """
    A figure's amount as the pages write it: format_money, after "more than" when it is a minimum.

    "more than $30 million" / "plus de 30 millions de dollars": a source that
    gives "over" or "more than" an amount is quoted as it says, never as the
    bare amount.
    """
    language = _language(language)
    text = format_money(amount, language)
    if not more_than:
        return text
    with override(language):
        return pgettext("amount", "more than %(amount)s") % {"amount": text}


def format_period(
    period_type: str, start_year: int, end_year: int | None, language: str | None = None
) -> str:
    """2018-2019 (fiscal year or range), 2019, since 2000 / depuis 2000."""
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
