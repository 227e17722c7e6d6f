"""Bar charts as inline SVG, rendered on the server: no JavaScript, no inline styles.

Each chart is an `<svg role="img">` named by its `<title>` and described by
a `<desc>` that states every value, so a screen reader gets the same
numbers as the eye; the funding table beside it repeats them too. Colours
come from presentation attributes (allowed under a strict CSP, unlike
`style=""`) and from classes in `pages/static/pages/site.css`.
"""

import re
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, override

from pages.funding import FundingSummary, TradeYear
from pages.models import FundingFigure

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 640
FONT_SIZE = 13
# Canada.ca palette: both at least 3:1 against white (WCAG 1.4.11).
COLOURS = {"bar": "#26374a", "exports": "#26374a", "imports": "#af3c43", "text": "#333333"}
LABEL_CHARS = 80
# Longest bar; the rest of the width holds the amount, up to
# "plus de 139,93 millions de dollars" (about 250 px at 13 px).
BAR_LENGTH = 360


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """Visible bar labels are cut to fit; the title, description and table keep the whole."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Most values a chart writes (numbers, colours, class names) have nothing to
# escape: one search instead of a chain of replace() for each.
_TEXT_SPECIALS = re.compile("[&<>]")
_ATTRIBUTE_SPECIALS = re.compile('[&<>"\r\n\t]')


def _escape_text(text: str) -> str:
    # What ElementTree escapes in text, and only that: the output stays as it was.
    if _TEXT_SPECIALS.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    # What ElementTree escapes in attribute values, in its order.
    if _ATTRIBUTE_SPECIALS.search(value) is None:
        return value
    return (
        _escape_text(value)
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


class _Svg:
    """
    An SVG document written straight to text, as ElementTree would serialise it.

    A chart is a flat list of leaf elements, so a tree (one object per
    element, then a walk to serialise it) is work for nothing on every page.
    Every text and attribute value is escaped: labels typed by editors stay text.
    """

    def __init__(self, chart_id: str, width: int, height: int, title: str, desc: str) -> None:
        self.parts: list[str] = []
        self.add(
            "svg",
            {
                "xmlns": SVG_NS,
                "class": f"chart {chart_id}",
                "role": "img",
                "aria-labelledby": f"{chart_id}-title",
                "aria-describedby": f"{chart_id}-desc",
                "viewBox": f"0 0 {width} {height}",
                "width": str(width),
                "height": str(height),
                "font-size": str(FONT_SIZE),
            },
            open_only=True,
        )
        self.add("title", {"id": f"{chart_id}-title"}, title)
        self.add("desc", {"id": f"{chart_id}-desc"}, desc)

    def add(
        self, tag: str, attributes: dict[str, str], text: str = "", open_only: bool = False
    ) -> None:
        attrs = "".join(f' {key}="{_escape_attribute(value)}"' for key, value in attributes.items())
        if open_only:
            self.parts.append(f"<{tag}{attrs}>")
        elif text:
            self.parts.append(f"<{tag}{attrs}>{_escape_text(text)}</{tag}>")
        else:
            self.parts.append(f"<{tag}{attrs} />")

    def text(self, x: float, y: float, content: str, **attributes: str) -> None:
        attrs = {"x": f"{x:.1f}", "y": f"{y:.1f}", "fill": COLOURS["text"]}
        attrs.update({key.replace("_", "-"): value for key, value in attributes.items()})
        self.add("text", attrs, content)

    def render(self) -> SafeString:
        return mark_safe("".join(self.parts) + "</svg>")  # noqa: S308 (escaped in add())


def _scale(value: Decimal, largest: Decimal, length: float) -> float:
    if largest <= 0:
        return 0.0
    return float(value / largest) * length


def assistance_chart(figures: list[FundingFigure], language: str | None = None) -> SafeString:
    """Horizontal bars, one per assistance figure, labelled with its name, period and amount."""
    language = language or get_language()
    if not figures:
        return mark_safe("")
    # Each amount and period once: in the description and on the bar.
    amounts = [figure.display_amount(language) for figure in figures]
    periods = [figure.display_period(language) for figure in figures]
    with override(language):
        title = gettext("International assistance by period, in Canadian dollars")
        items = [
            gettext("%(label)s, %(period)s: %(amount)s")
            % {"label": figure.label, "period": period, "amount": amount}
            for figure, period, amount in zip(figures, periods, amounts, strict=True)
        ]
        desc = gettext("Bar chart. %(values)s.") % {"values": "; ".join(items)}
    row = 46
    top = 8
    height = top + row * len(figures) + 4
    svg = _Svg("chart-assistance", WIDTH, height, title, desc)
    largest = max(figure.amount for figure in figures)
    for index, figure in enumerate(figures):
        y = top + index * row
        period = f" ({periods[index]})"
        # The period stays whole when a long label is cut.
        svg.text(0, y + FONT_SIZE, _shorten(figure.label, LABEL_CHARS - len(period)) + period)
        length = max(_scale(figure.amount, largest, BAR_LENGTH), 2.0)
        svg.add(
            "rect",
            {
                "class": "chart-bar",
                "x": "0",
                "y": f"{y + 18}",
                "width": f"{length:.1f}",
                "height": "18",
                "fill": COLOURS["bar"],
            },
        )
        svg.text(length + 6, y + 32, amounts[index])
    return svg.render()


def trade_chart(years: list[TradeYear], language: str | None = None) -> SafeString:
    """Grouped bars: exports and imports together for each year."""
    language = language or get_language()
    if not years:
        return mark_safe("")
    with override(language):
        title = gettext("Merchandise trade with Canada by year: exports and imports")
        exports_name = gettext("Exports")
        imports_name = gettext("Imports")
        missing = gettext("no figure")
        # Each amount once: in the description and on the bar.
        amounts = [
            {series: entry.display(series, language) for series in ("exports", "imports")}
            for entry in years
        ]
        parts = [
            gettext("%(year)s: exports %(exports)s, imports %(imports)s")
            % {
                "year": entry.year,
                "exports": shown["exports"] or missing,
                "imports": shown["imports"] or missing,
            }
            for entry, shown in zip(years, amounts, strict=True)
        ]
        desc = gettext("Grouped bar chart. %(values)s.") % {"values": "; ".join(parts)}
    # Horizontal bars, like the assistance chart: the value at the end of
    # each bar has room however long it reads in French.
    legend_height, block, bar_height = 30, 74, 16
    height = legend_height + block * len(years)
    svg = _Svg("chart-trade", WIDTH, height, title, desc)
    series_names = (("exports", exports_name), ("imports", imports_name))
    # Legend: a swatch and a word for each series, so colour is never the only cue.
    for index, (series, name) in enumerate(series_names):
        x = index * 140
        svg.add(
            "rect",
            {
                "class": f"chart-bar chart-{series}",
                "x": str(x),
                "y": "6",
                "width": "14",
                "height": "14",
                "fill": COLOURS[series],
            },
        )
        svg.text(x + 20, 18, name)
    values = [v for entry in years for v in (entry.exports, entry.imports) if v is not None]
    largest = max(values) if values else Decimal(0)
    for index, entry in enumerate(years):
        y = legend_height + index * block
        svg.text(0, y + FONT_SIZE, str(entry.year), font_weight="bold")
        for offset, (series, name) in enumerate(series_names):
            value = getattr(entry, series)
            bar_y = y + 20 + offset * (bar_height + 6)
            if value is None:
                svg.text(0, bar_y + 12, f"{name}: {missing}")
                continue
            length = max(_scale(value, largest, BAR_LENGTH), 2.0)
            svg.add(
                "rect",
                {
                    "class": f"chart-bar chart-{series}",
                    "x": "0",
                    "y": str(bar_y),
                    "width": f"{length:.1f}",
                    "height": str(bar_height),
                    "fill": COLOURS[series],
                },
            )
            svg.text(length + 6, bar_y + 12, amounts[index][series])
    return svg.render()


def funding_charts(summary: FundingSummary, language: str | None = None) -> dict[str, SafeString]:
    """The charts a country's funding section shows; empty strings for those without data."""
    return {
        "assistance": assistance_chart(summary.assistance_series(), language),
        "trade": trade_chart(summary.trade_series(), language),
    }
