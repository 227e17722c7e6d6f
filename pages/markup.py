"""
The country page's repeated parts written in Python: its figures, funding rows, sections and lists.

A country page has half a dozen figures, ten sections, a few dozen funding
rows and as many list items: several hundred template nodes, at about ten
microseconds each in Django's engine, were most of an uncached page's
rendering time. These functions write the HTML the template loops they
replaced wrote (less their blank lines): every value escaped as
templates escape them (escape() below), and sentences from the same
catalogue (tests/test_markup.py). The headings, captions and everything
else around them stay in the templates.
"""

import html
import re
from decimal import InvalidOperation

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from pages import formatting

# Characters html.escape() changes; most values (numbers, periods, plain
# labels) have none, and a search is cheaper than its five replace() calls.
_SPECIALS = re.compile("[&<>\"']")


def escape(value: object) -> str:
    """
    django.utils.html.conditional_escape, for the dozens of values a page writes here.

    The same result (safe strings as they are, everything else through
    html.escape), without Django's lazy-string wrapper around each call:
    values here are never lazy once str() has run.
    """
    if hasattr(value, "__html__"):
        return value.__html__()
    text = str(value)
    return html.escape(text) if _SPECIALS.search(text) else text


def picture(image, sizes: str = "", loading: str = "") -> SafeString:
    """
    A responsive image: WebP and JPEG/PNG renditions for the width it is shown at.

    `sizes` is the CSS width the image is shown at (default "100vw"),
    `loading` is "lazy" unless the image is at the top of the page
    ("eager"). Everything comes from the Image row: no query, no storage
    access. Nothing for a missing image or one without a file.
    """
    if not image or not image.file:
        return mark_safe("")
    sizes = escape(sizes or "100vw")
    parts = ["<picture>\n"]
    if webp := image.webp_srcset:
        parts.append(f'<source type="image/webp" srcset="{escape(webp)}" sizes="{sizes}">\n')
    parts.append(f'<img src="{escape(image.src)}"')
    if fallback := image.fallback_srcset:
        parts.append(f' srcset="{escape(fallback)}" sizes="{sizes}"')
    if image.width:
        parts.append(f' width="{image.width}" height="{image.height}"')
    parts.append(f' alt="{escape(image.alt)}"')
    parts.append(f' loading="{escape(loading or "lazy")}" decoding="async">\n</picture>')
    return mark_safe("".join(parts))  # noqa: S308 (every value went through escape())


def figure(image, figure_class: str = "", sizes: str = "", loading: str = "") -> SafeString:
    """An image in a <figure>, with its photo credit when it has one; nothing without an image."""
    if not image:
        return mark_safe("")
    opening = f"figure {escape(figure_class)}" if figure_class else "figure"
    parts = [f'<figure class="{opening}">\n']
    if image_html := picture(image, sizes, loading):
        parts.append(f"{image_html}\n")
    if credit := image.credit:
        caption = gettext("Photo credit: %(credit)s") % {"credit": escape(credit)}
        parts.append(f"<figcaption>{caption}</figcaption>\n")
    parts.append("</figure>")
    return mark_safe("".join(parts))  # noqa: S308 (every value went through escape())


def funding_rows(groups) -> SafeString:
    """
    The funding table's bodies: one <tbody> per kind of figure, a row per figure.

    `groups` are pages.funding.KindGroup; their figures are FundingFigure
    instances or FigureRow light rows, read alike.
    """
    as_of_sentence = gettext('(as of <time datetime="%(date)s">%(date)s</time>)')
    parts = []
    for group in groups:
        parts.append(
            '<tbody>\n<tr class="kind-row"><th scope="rowgroup" colspan="4">'
            f"{escape(group.label)}</th></tr>\n"
        )
        for figure in group.figures:
            label = escape(figure.label)
            if figure.source_url:
                label = f'<a href="{escape(figure.source_url)}">{label}</a>'
            if figure.as_of:
                date = escape(formatting.format_date(figure.as_of))
                label += f' <span class="as-of">{as_of_sentence % {"date": date}}</span>'
            area = figure.program_area
            area_link = (
                f'<a href="{escape(area.get_absolute_url())}">{escape(area.name)}</a>'
                if area
                else ""
            )
            parts.append(
                f"<tr{' class="figure-part"' if figure.part_of_id else ''}>\n"
                f'<th scope="row">{label}</th>\n'
                f"<td>{area_link}</td>\n"
                f'<td class="period">{escape(figure.display_period())}</td>\n'
                f'<td class="amount"><data value="{figure.amount}">'
                f"{escape(figure.display_amount())}"
                "</data></td>\n"
                "</tr>\n"
            )
        parts.append("</tbody>\n")
    return mark_safe("".join(parts))  # noqa: S308 (every value went through escape())


# The width a section's image is shown at: a third of the column beside the text.
SECTION_IMAGE_SIZES = "(min-width: 73rem) 23.5rem, (min-width: 48em) 33vw, 100vw"


def sections(rows) -> SafeString:
    """
    The page's sections: each a <section> with its heading, image and rich text.

    `rows` are pages.views.public.SectionRow. The body is the sanitised HTML
    the model stored (pages/richtext.py), written as it is; everything else is escaped.
    """
    parts = []
    for section in rows:
        anchor = escape(section.anchor)
        level = 4 if section.heading_level == 4 else 3
        classes = f"area level-{escape(section.heading_level)}"
        parts.append(
            f'\n<section id="{anchor}" class="{classes}" aria-labelledby="{anchor}-heading">\n'
            f'<h{level} id="{anchor}-heading">{escape(section.heading)}</h{level}>\n'
        )
        if section.image:
            parts.append(figure(section.image, "section-image", SECTION_IMAGE_SIZES))
        parts.append(f"\n{section.body}\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 (every value went through escape())


def focus_points(rows) -> SafeString:
    """The focus list's items: `<li>` each."""
    return mark_safe(  # noqa: S308 (escaped)
        "".join(f"<li>{escape(point.text)}</li>\n" for point in rows)
    )


def results(rows) -> SafeString:
    """
    The results list's items: the number in bold, its sentence, and the part of it that says more.

    "15,000 people …, 7,500 of them women": the number of a part and its
    label come in the page's language ("…, dont 7 500 femmes").
    """
    of_them = gettext(", %(sub)s of them %(label)s")
    parts = []
    for result in rows:
        parts.append("<li>")
        if result.value is not None:
            number = escape(_number(result.value))
            parts.append(f'<strong class="result-number">{number}</strong> ')
        parts.append(escape(result.text))
        if result.sub_value is not None:
            parts.append(
                of_them
                % {
                    "sub": escape(_number(result.sub_value)),
                    "label": escape(result.sub_text),
                }
            )
        parts.append("</li>\n")
    return mark_safe("".join(parts))  # noqa: S308 (every value went through escape())


def related_links(rows) -> SafeString:
    """
    The related links' items; a link to a page in one language only says so.

    `rows` carry `href`, `text` and `only_in` (the language of a target that
    exists in one language only, else None), set by the view.
    """
    # The catalogue's sentences are written as they are, as {% translate %} writes them.
    only_in_notes = {
        "fr": " " + gettext("(in French only)"),
        "en": " " + gettext("(in English only)"),
    }
    parts = []
    for link in rows:
        only_in = link.only_in
        hreflang = f' hreflang="{escape(only_in)}"' if only_in else ""
        parts.append(
            f'<li><a href="{escape(link.href)}"{hreflang}>'
            f"{escape(link.text)}</a>{only_in_notes.get(only_in, '')}</li>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value went through escape())


def _number(value) -> str:
    # As the `number` filter: a value that is not a number reads as nothing.
    try:
        return formatting.format_number(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
