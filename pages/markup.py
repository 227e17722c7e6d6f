"""
The country page's repeated parts written in Python: its figures and its funding table's rows.

A country page has half a dozen figures and a few dozen funding rows: several
hundred template nodes, at about ten microseconds each in Django's engine,
were most of an uncached page's rendering time. These functions write the
HTML the template includes they replaced wrote (less their blank lines):
every value escaped with conditional_escape, as templates escape them, and
sentences from the same catalogue (tests/test_markup.py). The headings,
captions and everything else around them stay in the templates.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from pages import formatting


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
    sizes = conditional_escape(sizes or "100vw")
    parts = ["<picture>\n"]
    if webp := image.webp_srcset:
        parts.append(
            f'<source type="image/webp" srcset="{conditional_escape(webp)}" sizes="{sizes}">\n'
        )
    parts.append(f'<img src="{conditional_escape(image.src)}"')
    if fallback := image.fallback_srcset:
        parts.append(f' srcset="{conditional_escape(fallback)}" sizes="{sizes}"')
    if image.width:
        parts.append(f' width="{image.width}" height="{image.height}"')
    parts.append(f' alt="{conditional_escape(image.alt)}"')
    parts.append(
        f' loading="{conditional_escape(loading or "lazy")}" decoding="async">\n</picture>'
    )
    return mark_safe("".join(parts))  # noqa: S308 (every value went through conditional_escape)


def figure(image, figure_class: str = "", sizes: str = "", loading: str = "") -> SafeString:
    """An image in a <figure>, with its photo credit when it has one; nothing without an image."""
    if not image:
        return mark_safe("")
    opening = f"figure {conditional_escape(figure_class)}" if figure_class else "figure"
    parts = [f'<figure class="{opening}">\n']
    if image_html := picture(image, sizes, loading):
        parts.append(f"{image_html}\n")
    if credit := image.credit:
        caption = gettext("Photo credit: %(credit)s") % {"credit": conditional_escape(credit)}
        parts.append(f"<figcaption>{caption}</figcaption>\n")
    parts.append("</figure>")
    return mark_safe("".join(parts))  # noqa: S308 (every value went through conditional_escape)


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
            f"{conditional_escape(group.label)}</th></tr>\n"
        )
        for figure in group.figures:
            label = conditional_escape(figure.label)
            if figure.source_url:
                label = f'<a href="{conditional_escape(figure.source_url)}">{label}</a>'
            if figure.as_of:
                date = conditional_escape(formatting.format_date(figure.as_of))
                label += f' <span class="as-of">{as_of_sentence % {"date": date}}</span>'
            area = figure.program_area
            area_link = (
                f'<a href="{conditional_escape(area.get_absolute_url())}">'
                f"{conditional_escape(area.name)}</a>"
                if area
                else ""
            )
            parts.append(
                f"<tr{' class="figure-part"' if figure.part_of_id else ''}>\n"
                f'<th scope="row">{label}</th>\n'
                f"<td>{area_link}</td>\n"
                f'<td class="period">{conditional_escape(figure.display_period())}</td>\n'
                f'<td class="amount"><data value="{figure.amount}">'
                f"{conditional_escape(formatting.format_amount(figure.amount, figure.more_than))}"
                "</data></td>\n"
                "</tr>\n"
            )
        parts.append("</tbody>\n")
    return mark_safe("".join(parts))  # noqa: S308 (every value went through conditional_escape)
