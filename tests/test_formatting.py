"""Amounts, numbers, periods and dates read as DESIGN.md says, in English and Canadian French."""

import datetime
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils.translation import override

from pages.formatting import (
    NBSP,
    NumberLocale,
    format_amount,
    format_date,
    format_money,
    format_number,
    format_period,
)


def nb(text: str) -> str:
    """The expected string with its spaces as the non-breaking ones the site writes."""
    return text.replace(" ", NBSP)


# Every amount on the seed page, plus the cases the issue names.
MONEY = [
    ("1600000000", "$1.6 billion", "1,6 milliard de dollars"),
    ("139930000", "$139.93 million", "139,93 millions de dollars"),
    ("67000000", "$67 million", "67 millions de dollars"),
    ("23100000", "$23.1 million", "23,1 millions de dollars"),
    ("20900000", "$20.9 million", "20,9 millions de dollars"),
    ("2200000", "$2.2 million", "2,2 millions de dollars"),
    ("29500000", "$29.5 million", "29,5 millions de dollars"),
    ("26600000", "$26.6 million", "26,6 millions de dollars"),
    ("2900000", "$2.9 million", "2,9 millions de dollars"),
    ("600000000", "$600 million", "600 millions de dollars"),
    ("30000000", "$30 million", "30 millions de dollars"),
    ("28000000", "$28 million", "28 millions de dollars"),
    ("9800000", "$9.8 million", "9,8 millions de dollars"),
    ("1000000", "$1 million", "1 million de dollars"),
    ("2000000", "$2 million", "2 millions de dollars"),
    ("45250", "$45,250", "45 250 $"),
    # "0.5 million": below a million, amounts are written in full.
    ("500000", "$500,000", "500 000 $"),
    # French keeps "million" singular below 2.
    ("1500000", "$1.5 million", "1,5 million de dollars"),
    ("1234.50", "$1,234.50", "1 234,50 $"),
    ("1234.5", "$1,234.50", "1 234,50 $"),
    ("999", "$999", "999 $"),
    ("0", "$0", "0 $"),
    ("0.75", "$0.75", "0,75 $"),
]


@pytest.mark.parametrize(("amount", "english", "french"), MONEY)
def test_money_reads_as_design_says_in_both_languages(amount, english, french):
    assert format_money(Decimal(amount), "en") == nb(english)
    assert format_money(Decimal(amount), "fr") == nb(french)


@pytest.mark.parametrize(("amount", "_english", "_french"), MONEY)
def test_money_never_breaks_across_lines(amount, _english, _french):
    for language in ("en", "fr"):
        text = format_money(Decimal(amount), language)
        assert " " not in text
        assert "\u202f" not in text


@pytest.mark.parametrize(
    ("amount", "english", "french"),
    [
        # Trailing zeros dropped: never "1.60 billion".
        ("1600000000.00", "$1.6 billion", "1,6 milliard de dollars"),
        ("1000000000", "$1 billion", "1 milliard de dollars"),
        ("2000000000", "$2 billion", "2 milliards de dollars"),
        # Two decimals kept where they mean something.
        ("139930000.00", "$139.93 million", "139,93 millions de dollars"),
        ("1234567.89", "$1.23 million", "1,23 million de dollars"),
        # Half up, not Python's half-even.
        ("1005000", "$1.01 million", "1,01 million de dollars"),
        ("2125000", "$2.13 million", "2,13 millions de dollars"),
        # Rounding that reaches the next unit reads in that unit.
        ("999995000", "$1 billion", "1 milliard de dollars"),
        ("999999.995", "$1 million", "1 million de dollars"),
        ("1999999", "$2 million", "2 millions de dollars"),
    ],
)
def test_money_rounds_to_at_most_two_decimals_of_its_unit(amount, english, french):
    assert format_money(Decimal(amount), "en") == nb(english)
    assert format_money(Decimal(amount), "fr") == nb(french)


def test_money_never_uses_compact_currency_symbols():
    for language in ("en", "fr"):
        text = format_money(Decimal("1600000000"), language)
        assert "G" not in text
        assert "B" not in text
        assert "M" not in text


def test_money_follows_the_active_language_by_default():
    with override("fr"):
        assert format_money(Decimal("139930000")) == nb("139,93 millions de dollars")
    with override("en"):
        assert format_money(Decimal("139930000")) == nb("$139.93 million")


# The seed's results: 360 peace ambassadors (151 women), 12 communities, 61
# initiatives, 688 Malians trained, 15,000 statements, 3,755 victims.
NUMBERS = [
    ("360", "360", "360"),
    ("151", "151", "151"),
    ("12", "12", "12"),
    ("61", "61", "61"),
    ("688", "688", "688"),
    ("15000", "15,000", "15 000"),
    ("15000.00", "15,000", "15 000"),
    ("3755", "3,755", "3 755"),
    ("1234567", "1,234,567", "1 234 567"),
    ("2.5", "2.5", "2,5"),
]


@pytest.mark.parametrize(("value", "english", "french"), NUMBERS)
def test_results_numbers_use_the_locale_separators(value, english, french):
    assert format_number(Decimal(value), "en") == english
    assert format_number(Decimal(value), "fr") == nb(french)


def test_periods_read_the_same_way_in_both_languages_except_since():
    assert format_period("fiscal", 2018, 2019, "en") == "2018-2019"
    assert format_period("fiscal", 2018, 2019, "fr") == "2018-2019"
    assert format_period("range", 2016, 2019, "fr") == "2016-2019"
    assert format_period("year", 2019, None, "en") == "2019"
    assert format_period("since", 2000, None, "en") == "since 2000"
    assert format_period("since", 2000, None, "fr") == "depuis 2000"


def test_dates_are_iso_in_both_languages():
    assert format_date(datetime.date(2026, 11, 28)) == "2026-11-28"


def test_template_filters_use_the_one_formatting_function():
    template = Template(
        "{% load engagement %}{{ amount|money }}|{{ count|number }}|{{ day|isodate }}|"
        "{{ amount|plain }}"
    )
    context = Context(
        {
            "amount": Decimal("139930000.00"),
            "count": Decimal(15000),
            "day": datetime.date(2020, 6, 30),
        }
    )
    with override("fr"):
        assert (
            template.render(context)
            == nb("139,93 millions de dollars|15 000|2020-06-30|") + "139930000.00"
        )
    with override("en"):
        assert template.render(context) == nb("$139.93 million|15,000|2020-06-30|139930000.00")


# The demo content's Mali figures are the seed page's: each must read exactly so.
SEED_STRINGS = {
    # "more than …" where the seed says "over" or "more than" (more_than=True).
    "assistance-since-2000": (
        "more than |$1.6 billion",
        "plus de |1,6 milliard de dollars",
        "since 2000",
        "depuis 2000",
    ),
    "assistance-2018-2019": (
        "$139.93 million",
        "139,93 millions de dollars",
        "2018-2019",
        "2018-2019",
    ),
    "humanitarian-since-2012": (
        "more than |$67 million",
        "plus de |67 millions de dollars",
        "since 2012",
        "depuis 2012",
    ),
    "trade-2018": ("$23.1 million", "23,1 millions de dollars", "2018", "2018"),
    "exports-2018": ("$20.9 million", "20,9 millions de dollars", "2018", "2018"),
    "imports-2018": ("$2.2 million", "2,2 millions de dollars", "2018", "2018"),
    "trade-2019": ("$29.5 million", "29,5 millions de dollars", "2019", "2019"),
    "exports-2019": ("$26.6 million", "26,6 millions de dollars", "2019", "2019"),
    "imports-2019": ("$2.9 million", "2,9 millions de dollars", "2019", "2019"),
    "psops-2016-2019": (
        "more than |$30 million",
        "plus de |30 millions de dollars",
        "2016-2019",
        "2016-2019",
    ),
    "psops-2019-2022": ("$28 million", "28 millions de dollars", "2019-2022", "2019-2022"),
    "minusma-trust-fund": ("$9.8 million", "9,8 millions de dollars", "2016-2020", "2016-2020"),
    "empabb-police-training": ("$1 million", "1 million de dollars", "2018-2020", "2018-2020"),
}


def test_every_seed_figure_of_the_demo_content_reads_exactly():
    from pages.demo import mali

    assert {figure["key"] for figure in mali.FIGURES} == set(SEED_STRINGS)
    for figure in mali.FIGURES:
        money_en, money_fr, period_en, period_fr = SEED_STRINGS[figure["key"]]
        more_than = figure.get("more_than", False)
        # "more than " is ordinary text; the amount after "|" has no-break spaces.
        for language, expected in (("en", money_en), ("fr", money_fr)):
            words, _bar, amount = expected.rpartition("|")
            assert format_amount(figure["amount"], more_than, language) == words + nb(amount)
            assert format_money(figure["amount"], language) == nb(amount)
        period = (figure["period_type"], figure["start_year"], figure["end_year"])
        assert format_period(*period, "en") == period_en
        assert format_period(*period, "fr") == period_fr


def test_every_seed_result_of_the_demo_content_reads_per_locale():
    from pages.demo import mali

    numbers = []
    for result in mali.RESULTS:
        for key in ("value", "sub_value"):
            if result.get(key) is not None:
                numbers.append((format_number(result[key], "en"), format_number(result[key], "fr")))
    assert numbers == [
        ("360", "360"),
        ("151", "151"),
        ("12", "12"),
        ("61", "61"),
        ("688", "688"),
        ("3,755", nb("3 755")),
    ]


def test_filters_render_nothing_for_values_that_are_not_numbers():
    template = Template(
        "{% load engagement %}[{{ a|money }}][{{ b|number }}][{{ c|money }}][{{ d|period }}]"
    )
    context = Context({"a": "not a number", "b": None, "c": "", "d": None})
    assert template.render(context) == "[][][][]"


# In a fresh interpreter, so that no earlier test has loaded Babel's data.
RETAINED_AFTER_FORMATTING = """
import tracemalloc
from decimal import Decimal

from pages.formatting import format_money, format_number, number_locale

tracemalloc.start()
for language in ("en", "fr"):
    format_money(Decimal("1600000000"), language)
    format_number(Decimal("15000"), language)
current, peak = tracemalloc.get_traced_memory()
print(current, peak, sorted(number_locale("fr")._data))
"""


def test_formatting_keeps_only_the_number_data_of_cldr():
    result = subprocess.run(
        [sys.executable, "-c", RETAINED_AFTER_FORMATTING],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    current, peak, keys = result.stdout.split(" ", 2)
    # Babel loads several MiB of CLDR data for en_CA and fr_CA (peak); every
    # server process keeps only the number data, well under one MiB.
    assert int(peak) > 3 * 2**20
    assert int(current) < 2**20
    assert keys.strip() == str(sorted(NumberLocale.NUMBER_KEYS))
