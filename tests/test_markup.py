"""The country page's figures and funding rows, written in Python (pages/markup.py)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils.translation import override

from pages import markup
from pages.funding import FundingSummary, country_figures
from pages.models import Image
from tests.factories import make_country, make_figure, make_image, make_program_area

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def image(settings, tmp_path) -> Image:
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return Image.objects.get(pk=make_image().pk)


@pytest.mark.django_db
def test_figure_has_its_class_picture_and_credit(image):
    html = markup.figure(image, "hero-image", "(min-width: 73rem) 71rem, 100vw", "eager")
    assert html.startswith(
        '<figure class="figure hero-image">\n<picture>\n<source type="image/webp"'
    )
    assert 'sizes="(min-width: 73rem) 71rem, 100vw"' in html
    assert 'loading="eager" decoding="async">\n</picture>\n' in html
    assert html.endswith(
        "<figcaption>Photo credit: Photo: Global Affairs Canada</figcaption>\n</figure>"
    )


@pytest.mark.django_db
def test_figure_credit_is_in_the_page_language(image):
    with override("fr"):
        html = markup.figure(image)
    assert f"<figcaption>Crédit photo{NBSP}: Photo : Affaires mondiales Canada</figcaption>" in html
    assert 'alt="Des femmes vendent des légumes au marché"' in html


@pytest.mark.django_db
def test_figure_without_credit_or_class_has_neither(image):
    image.credit_en = ""
    html = markup.figure(image)
    assert html.startswith('<figure class="figure">\n<picture>')
    assert "figcaption" not in html
    assert 'sizes="100vw"' in html
    assert 'loading="lazy"' in html


@pytest.mark.django_db
def test_figure_escapes_what_editors_typed(image):
    image.alt_text_en = 'A "quoted" <b>bold</b> & more'
    image.credit_en = "<script>alert('x')</script>"
    html = markup.figure(image, figure_class='x" onclick="y')
    assert 'alt="A &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &amp; more"' in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert '<figure class="figure x&quot; onclick=&quot;y">' in html
    assert "<script>" not in html and "onclick=" not in html.replace("onclick=&quot;", "")


@pytest.mark.django_db
def test_figure_tag_writes_what_markup_writes(image):
    template = Template(
        '{% load engagement %}{% figure image figure_class="section-image" sizes="33vw" %}'
    )
    assert template.render(Context({"image": image})) == markup.figure(
        image, "section-image", "33vw"
    )


def funding_html(page, language: str) -> str:
    with override(language):
        groups = FundingSummary(country_figures(page.pk, language)).groups()
        return markup.funding_rows(groups)


@pytest.mark.django_db
def test_funding_rows_group_figures_by_kind_in_tbodies():
    page = make_country()
    area = make_program_area()
    whole = make_figure(page, program_area=area, as_of=datetime.date(2020, 6, 30))
    make_figure(page, part_of=whole, amount=Decimal("45250.50"), period_type="since", end_year=None)
    make_figure(page, kind="trade_exports", amount=Decimal("1600000000"), label_en="Exports")
    html = funding_html(page, "en")
    assert html.count("<tbody>") == html.count("</tbody>") == 2
    assert (
        '<tbody>\n<tr class="kind-row"><th scope="rowgroup" colspan="4">'
        "International assistance</th></tr>\n<tr>\n"
        '<th scope="row">International assistance <span class="as-of">(as of '
        '<time datetime="2020-06-30">2020-06-30</time>)</span></th>\n'
        '<td><a href="/en/program-areas/humanitarian-assistance/">'
        "Humanitarian assistance</a></td>\n"
        '<td class="period">2018-2019</td>\n'
        f'<td class="amount"><data value="139930000.00">$139.93{NBSP}million</data></td>\n'
        "</tr>\n"
    ) in html
    assert (
        '<tr class="figure-part">\n<th scope="row">International assistance</th>\n<td></td>\n'
        '<td class="period">since 2018</td>\n'
        '<td class="amount"><data value="45250.50">$45,250.50</data></td>\n</tr>\n'
    ) in html
    assert f'<data value="1600000000.00">$1.6{NBSP}billion</data>' in html


@pytest.mark.django_db
def test_funding_rows_read_right_in_french():
    page = make_country()
    area = make_program_area()
    make_figure(
        page,
        program_area=area,
        as_of=datetime.date(2020, 6, 30),
        period_type="since",
        end_year=None,
        source_url_fr="https://example.ca/fr?a=1&b=2",
    )
    html = funding_html(page, "fr")
    assert (
        '<th scope="row"><a href="https://example.ca/fr?a=1&amp;b=2">Aide internationale</a> '
        '<span class="as-of">(en date du '
        '<time datetime="2020-06-30">2020-06-30</time>)</span></th>'
    ) in html
    assert '<a href="/fr/domaines-de-programme/aide-humanitaire/">Aide humanitaire</a>' in html
    assert '<td class="period">depuis 2018</td>' in html
    assert f'<data value="139930000.00">139,93{NBSP}millions{NBSP}de{NBSP}dollars</data>' in html


@pytest.mark.django_db
def test_funding_rows_escape_labels_and_addresses():
    page = make_country()
    make_figure(page, label_en='<b>Aid</b> & "more"', source_url_en='https://e.ca/"x')
    html = funding_html(page, "en")
    assert (
        '<a href="https://e.ca/&quot;x">&lt;b&gt;Aid&lt;/b&gt; &amp; &quot;more&quot;</a>' in html
    )


@pytest.mark.django_db
def test_funding_rows_read_model_instances_as_light_rows():
    """The staff preview and other callers may hand over FundingFigure instances."""
    page = make_country()
    area = make_program_area()
    make_figure(page, program_area=area, source_url_en="https://example.com/en")
    make_figure(page, order=1, as_of=datetime.date(2021, 3, 31))
    with override("en"):
        from_models = FundingSummary(list(page.funding_figures.select_related("program_area")))
        assert markup.funding_rows(from_models.groups()) == funding_html(page, "en")


def test_nothing_without_an_image_or_figures():
    assert markup.figure(None) == ""
    assert markup.funding_rows([]) == ""


def section_row(**overrides):
    from pages.views.public import SectionRow

    fields = {
        "pk": 7,
        "order": 0,
        "heading_level": 3,
        "heading": "Peace & security",
        "body": "<p>Canada <strong>helps</strong>.</p>",
        "image": None,
        "anchor": "section-7",
    }
    return SectionRow(**(fields | overrides))


def test_sections_are_sections_with_their_heading_and_body():
    html = markup.sections([section_row(), section_row(pk=8, anchor="section-8", heading_level=4)])
    assert html == (
        '\n<section id="section-7" class="area level-3" aria-labelledby="section-7-heading">\n'
        '<h3 id="section-7-heading">Peace &amp; security</h3>\n'
        "\n<p>Canada <strong>helps</strong>.</p>\n</section>\n"
        '\n<section id="section-8" class="area level-4" aria-labelledby="section-8-heading">\n'
        '<h4 id="section-8-heading">Peace &amp; security</h4>\n'
        "\n<p>Canada <strong>helps</strong>.</p>\n</section>\n"
    )


@pytest.mark.django_db
def test_section_image_is_a_figure_a_third_wide(image):
    html = markup.sections([section_row(image=image, heading='<script>"x"</script>')])
    assert '<h3 id="section-7-heading">&lt;script&gt;&quot;x&quot;&lt;/script&gt;</h3>\n' in html
    assert markup.figure(image, "section-image", markup.SECTION_IMAGE_SIZES) in html
    assert 'sizes="(min-width: 73rem) 23.5rem, (min-width: 48em) 33vw, 100vw"' in html


def test_focus_points_escape_their_text():
    html = markup.focus_points(
        [SimpleNamespace(text="Peace"), SimpleNamespace(text="<b>Women</b> & girls")]
    )
    assert html == "<li>Peace</li>\n<li>&lt;b&gt;Women&lt;/b&gt; &amp; girls</li>\n"


def test_results_read_right_in_each_language():
    rows = [
        SimpleNamespace(
            value=Decimal("15000"),
            text="people trained",
            sub_value=Decimal("7500"),
            sub_text="women",
        ),
        SimpleNamespace(value=None, text="<i>Schools</i> rebuilt", sub_value=None, sub_text=""),
    ]
    with override("en"):
        assert markup.results(rows) == (
            '<li><strong class="result-number">15,000</strong> people trained, 7,500 of them '
            "women</li>\n<li>&lt;i&gt;Schools&lt;/i&gt; rebuilt</li>\n"
        )
    with override("fr"):
        html = markup.results(rows)
    assert f'<strong class="result-number">15{NBSP}000</strong>' in html
    assert f", dont 7{NBSP}500 women</li>" in html


def test_related_links_say_when_their_target_is_in_one_language():
    rows = [
        SimpleNamespace(href="/fr/pays/x/", text="Le Mali", only_in="fr"),
        SimpleNamespace(href="https://e.ca/?a=1&b=2", text='"Quoted"', only_in=None),
    ]
    with override("en"):
        assert markup.related_links(rows) == (
            '<li><a href="/fr/pays/x/" hreflang="fr">Le Mali</a> (in French only)</li>\n'
            '<li><a href="https://e.ca/?a=1&amp;b=2">&quot;Quoted&quot;</a></li>\n'
        )
    with override("fr"):
        html = markup.related_links([SimpleNamespace(href="/en/x/", text="Mali", only_in="en")])
    assert html == '<li><a href="/en/x/" hreflang="en">Mali</a> (en anglais seulement)</li>\n'


def test_escape_is_djangos_conditional_escape():
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    values = [
        "plain",
        "<b>\"quoted\" & 'single'</b>",
        "l'Afrique",
        mark_safe("<em>safe</em>"),
        gettext_lazy("Results"),
        7,
        Decimal("1.50"),
        None,
        "",
    ]
    for value in values:
        assert markup.escape(value) == conditional_escape(value)
