"""The funding section, charts, program-area totals and the checks on entry."""

import datetime
import html as html_lib
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils.translation import override

from pages.charts import _Svg
from pages.formatting import NBSP
from pages.funding import country_figures
from pages.models import CountryPage, FundingFigure
from tests.admin_forms import change_form_data, change_url
from tests.factories import (
    make_country,
    make_figure,
    make_program_area,
    make_seed_figures,
    make_staff_user,
)

SVG = "{http://www.w3.org/2000/svg}"


def nb(text: str) -> str:
    return text.replace(" ", NBSP)


def fr(text: str) -> str:
    """French typography as the catalogue writes it: U+00A0 before a colon and inside « »."""
    return text.replace(" :", NBSP + ":").replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def charts(html: str) -> dict[str, ET.Element]:
    """The page's inline SVG charts, parsed, by id prefix (chart-assistance, chart-trade)."""
    found = {}
    for match in re.finditer(r"<svg\b.*?</svg>", html, re.S):
        svg = ET.fromstring(match.group(0))
        found[svg.get("aria-labelledby").removesuffix("-title")] = svg
    return found


def texts(svg: ET.Element) -> list[str]:
    return [element.text for element in svg.iter(f"{SVG}text")]


@pytest.fixture
def mali(db) -> CountryPage:
    page = make_country()
    make_seed_figures(page)
    return page


# The funding section of the country page.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/en/countries/mali/",
            [
                "$1.6 billion",
                "$139.93 million",
                "$67 million",
                "$23.1 million",
                "$20.9 million",
                "$2.2 million",
                "$29.5 million",
                "$26.6 million",
                "$2.9 million",
                "$600 million",
                "$30 million",
                "$28 million",
                "$9.8 million",
                "$1 million",
                ">since 2000<",
                "2018-2019",
            ],
        ),
        (
            "/fr/pays/mali/",
            [
                "1,6 milliard de dollars",
                "139,93 millions de dollars",
                "67 millions de dollars",
                "23,1 millions de dollars",
                "20,9 millions de dollars",
                "2,2 millions de dollars",
                "29,5 millions de dollars",
                "26,6 millions de dollars",
                "2,9 millions de dollars",
                "600 millions de dollars",
                "30 millions de dollars",
                "28 millions de dollars",
                "9,8 millions de dollars",
                "1 million de dollars",
                ">depuis 2000<",
                "2018-2019",
            ],
        ),
    ],
)
def test_country_page_table_shows_every_seed_figure_in_the_page_language(
    client, mali, url, expected
):
    html = client.get(url).content.decode()
    table = html[html.index('<table class="figures funding-table">') : html.index("</table>")]
    for text in expected:
        assert text in table if text.startswith(">") else f">{nb(text)}<" in table


@pytest.mark.django_db
def test_funding_table_groups_by_kind_with_accessible_headers(client, mali):
    html = client.get("/en/countries/mali/").content.decode()
    table = html[html.index('<table class="figures funding-table">') : html.index("</table>")]
    assert '<caption id="funding-table-caption">' in table
    groups = re.findall(r'<th scope="rowgroup" colspan="4">([^<]+)</th>', table)
    assert groups == [
        "International assistance",
        "Humanitarian assistance",
        "Peace and stabilization",
        "Bilateral merchandise trade",
        "Trade: exports",
        "Trade: imports",
        "Investment",
    ]
    assert table.count('<th scope="row">') == 14
    assert table.count('<td class="amount"><data value="') == 14
    assert '<data value="139930000.00">' in table


@pytest.mark.django_db
def test_french_machine_readable_amounts_stay_language_neutral(client, mali):
    html = client.get("/fr/pays/mali/").content.decode()
    assert '<data value="139930000.00">' in html
    assert "139930000,00" not in html


@pytest.mark.django_db
def test_assistance_chart_carries_values_and_text_alternative(client, mali):
    svg = charts(client.get("/en/countries/mali/").content.decode())["chart-assistance"]
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title.text == "International assistance by period, in Canadian dollars"
    assert svg.get("aria-describedby") == desc.get("id")
    # Bounded periods only, oldest first; the "since" totals stay in the table.
    assert desc.text == (
        "Bar chart. Seed figure psops-2016-2019, 2016-2019: "
        + nb("$30 million")
        + "; Seed figure minusma, 2016-2020: "
        + nb("$9.8 million")
        + "; Seed figure assistance-2018-2019, 2018-2019: "
        + nb("$139.93 million")
        + "; Seed figure empabb, 2018-2020: "
        + nb("$1 million")
        + "; Seed figure psops-2019-2022, 2019-2022: "
        + nb("$28 million")
        + "."
    )
    values = [text for text in texts(svg) if text.startswith("$")]
    assert values == [nb(v) for v in ["$30 million", "$9.8 million", "$139.93 million"]] + [
        nb("$1 million"),
        nb("$28 million"),
    ]
    bars = [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    # The largest bar is the 139.93 million one; the others are in proportion.
    assert bars[2] == max(bars)
    assert bars[0] == pytest.approx(bars[2] * 30 / 139.93, abs=0.1)


@pytest.mark.django_db
def test_trade_chart_groups_exports_and_imports_by_year_in_french(client, mali):
    svg = charts(client.get("/fr/pays/mali/").content.decode())["chart-trade"]
    desc = svg.find(f"{SVG}desc").text
    assert desc == (
        fr("Graphique à barres groupées. 2018 : exportations ")
        + nb("20,9 millions de dollars")
        + ", importations "
        + nb("2,2 millions de dollars")
        + fr("; 2019 : exportations ")
        + nb("26,6 millions de dollars")
        + ", importations "
        + nb("2,9 millions de dollars")
        + "."
    )
    labels = texts(svg)
    assert labels[:2] == ["Exportations", "Importations"]
    assert "2018" in labels and "2019" in labels
    exports = [r for r in svg.iter(f"{SVG}rect") if "chart-exports" in r.get("class")]
    imports = [r for r in svg.iter(f"{SVG}rect") if "chart-imports" in r.get("class")]
    # A legend swatch plus one bar per year for each series.
    assert len(exports) == 3 and len(imports) == 3


@pytest.mark.django_db
def test_charts_use_no_inline_styles_or_scripts(client, mali):
    html = client.get("/en/countries/mali/").content.decode()
    section = html[html.index('<section class="funding"') :]
    assert "style=" not in section
    assert "<script" not in section


@pytest.mark.django_db
def test_editor_text_in_charts_is_escaped(client):
    page = make_country()
    make_figure(page, label_en="<script>alert(1)</script> & co")
    html = client.get("/en/countries/mali/").content.decode()
    assert "<script>alert(1)</script>" not in html
    svg = charts(html)["chart-assistance"]
    assert "<script>alert(1)</script> & co" in svg.find(f"{SVG}desc").text


@pytest.mark.parametrize(
    "value",
    ['say "hi" & <bye>', "tab\tnew\nline\rreturn", "l’été 2019 – déjà", "", "&", "<", ">"]
    + ['"', "\t", "\n", "\r", "139.9 #26374a chart-bar"],
)
def test_chart_markup_is_escaped_exactly_as_elementtree_would(value):
    """The charts write their SVG as text; escaping must stay that of a real XML serialiser."""
    svg = _Svg("chart-x", 10, 10, "t", "d")
    svg.add("text", {"data-x": value}, value)
    expected = ET.Element("text", {"data-x": value})
    expected.text = value
    assert svg.parts[-1] == ET.tostring(expected, encoding="unicode")


@pytest.mark.django_db
def test_page_without_figures_has_no_funding_section(client):
    make_country()
    html = client.get("/en/countries/mali/").content.decode()
    assert 'class="funding"' not in html
    assert "<svg" not in html


@pytest.mark.django_db
def test_country_page_links_its_open_data(client, mali):
    html = client.get("/fr/pays/mali/").content.decode()
    assert 'href="/open-data/funding.csv?country=ML"' in html
    assert 'href="/open-data/funding.json?country=ML"' in html
    assert 'href="/fr/donnees-ouvertes/"' in html


@pytest.mark.django_db
def test_country_page_stays_at_four_queries_with_figures(client, django_assert_num_queries):
    page = make_country()
    make_seed_figures(page)
    with django_assert_num_queries(4):
        client.get("/en/countries/mali/")
    for year in range(2000, 2020):
        make_figure(page, period_type="year", start_year=year, end_year=None)
    with django_assert_num_queries(4):
        response = client.get("/en/countries/mali/")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_country_figures_read_as_the_models_do(language):
    page = make_country()
    area = make_program_area()
    untranslated = make_program_area(
        name_en="Peace", name_fr="", slug_en="peace", slug_fr="", order=1
    )
    make_figure(page, order=2, program_area=area, source_url_en="https://example.com/en")
    make_figure(page, order=1, label_fr="", program_area=untranslated)
    make_figure(page, order=1, label_en="Same order, made later", source_url_fr="https://e.fr")
    whole = make_figure(page, order=0, program_area=area, as_of=datetime.date(2020, 6, 30))
    make_figure(page, order=3, part_of=whole, amount=Decimal("1.50"))
    with override(language):
        rows = country_figures(page.pk, language)
        models = list(page.funding_figures.select_related("program_area"))  # Meta ordering
        assert [row.pk for row in rows] == [figure.pk for figure in models]
        for row, figure in zip(rows, models, strict=True):
            for name in ("amount", "kind", "label", "source_url", "as_of", "part_of_id"):
                assert getattr(row, name) == getattr(figure, name), name
            assert row.display_period() == figure.display_period()
            assert row.is_trade == figure.is_trade
            if figure.program_area is None:
                assert row.program_area is None
            else:
                # No fallback to English, but the English slug stands in for a URL.
                assert row.program_area.name == figure.program_area.name
                assert row.program_area.url == figure.program_area.get_absolute_url()
        peace = reverse("pages:programarea-detail", kwargs={"slug": "peace"})
    assert rows[1].label == ("" if language == "fr" else "International assistance")
    assert (rows[1].program_area.name, rows[1].program_area.url) == (
        "" if language == "fr" else "Peace",
        peace,
    )


# Program-area totals.


@pytest.mark.django_db
def test_program_area_totals_add_like_to_like_only(client, django_assert_num_queries):
    area = make_program_area()
    mali = make_country()
    niger = make_country(
        iso_code="NE", name_en="Niger", name_fr="Niger", slug_en="niger", slug_fr="niger"
    )
    draft = make_country(
        iso_code="TD",
        name_en="Chad",
        name_fr="Tchad",
        slug_en="chad",
        slug_fr="tchad",
        status=CountryPage.Status.DRAFT,
    )
    kind = FundingFigure.Kind.HUMANITARIAN
    fiscal = {
        "kind": kind,
        "program_area": area,
        "period_type": "fiscal",
        "start_year": 2018,
        "end_year": 2019,
    }
    make_figure(mali, amount=Decimal("1500000"), **fiscal)
    make_figure(niger, amount=Decimal("500000"), **fiscal)
    make_figure(draft, amount=Decimal("9000000"), **fiscal)
    since = {"kind": kind, "program_area": area, "period_type": "since", "end_year": None}
    make_figure(mali, amount=Decimal("67000000"), start_year=2012, **since)
    make_figure(niger, amount=Decimal("45250"), start_year=2000, **since)

    with django_assert_num_queries(3):
        html = client.get("/fr/domaines-de-programme/aide-humanitaire/").content.decode()
    section = html[html.index('<section class="funding-totals"') :]
    totals = re.findall(
        r'<tr class="total-row"><th scope="rowgroup">([^<]+)</th><td>([^<]+)</td>'
        r'<td class="amount"><data value="([^"]+)">([^<]+)<',
        section,
    )
    assert totals == [
        ("Aide humanitaire, 2018-2019", "Total, 2 pays", "2000000.00", nb("2 millions de dollars")),
        (
            "Aide humanitaire, depuis 2012",
            "Total, 1 pays",
            "67000000.00",
            nb("67 millions de dollars"),
        ),
        ("Aide humanitaire, depuis 2000", "Total, 1 pays", "45250.00", nb("45 250 $")),
    ]
    assert nb("1,5 million de dollars") in section
    assert nb("500 000 $") in section
    assert "Tchad" not in section
    assert "jamais additionnés" in section


@pytest.mark.django_db
def test_program_area_totals_count_a_part_once(client):
    area = make_program_area()
    page = make_country()
    same = {"program_area": area, "kind": FundingFigure.Kind.HUMANITARIAN}
    whole = make_figure(page, amount=Decimal("2000000"), **same)
    make_figure(page, amount=Decimal("1000000"), part_of=whole, **same)
    html = client.get("/en/program-areas/humanitarian-assistance/").content.decode()
    assert '<data value="2000000.00">' + nb("$2 million") in html
    assert "3000000" not in html


@pytest.mark.django_db
def test_program_area_totals_link_a_one_language_page_to_the_version_that_exists(client):
    area = make_program_area()
    same = {"program_area": area, "kind": FundingFigure.Kind.HUMANITARIAN}
    make_figure(make_country(), amount=Decimal("2000000"), **same)
    ghana = make_country(
        iso_code="GH",
        name_en="Ghana",
        name_fr="Ghana",
        slug_en="ghana",
        slug_fr="ghana",
        available_in=CountryPage.Availability.EN,
    )
    make_figure(ghana, amount=Decimal("1000000"), **same)
    # A total per kind and period: Ghana is linked from the page twice.
    make_figure(
        ghana, amount=Decimal("5000"), period_type="year", start_year=2020, end_year=None, **same
    )
    html = client.get("/fr/domaines-de-programme/aide-humanitaire/").content.decode()
    section = html[html.index('<section class="funding-totals"') :]
    assert '<a href="/fr/pays/mali/">Mali</a></th>' in section
    english_only = '<a href="/en/countries/ghana/" hreflang="en">Ghana</a> (en anglais seulement)'
    assert section.count(english_only) == 2
    assert "/fr/pays/ghana/" not in section  # not the notice page


@pytest.mark.django_db
def test_program_area_query_count_does_not_grow_with_countries(client, django_assert_num_queries):
    area = make_program_area()
    for index in range(6):
        page = make_country(
            iso_code=f"A{chr(65 + index)}", slug_en=f"c{index}", slug_fr=f"c{index}"
        )
        make_figure(page, program_area=area)
    with django_assert_num_queries(3):
        response = client.get("/en/program-areas/humanitarian-assistance/")
    assert response.content.decode().count('<th scope="row"><a href="/en/countries/c') == 6


# Checks on entry: model clean() and the admin's inline form.


def admin_formset(page: CountryPage, rows: list[dict]):
    """The country page admin's funding-figure formset, bound to `rows` as new figures."""
    url = f"/admin/pages/countrypage/{page.pk}/change/"
    request = RequestFactory().get(url)
    request.resolver_match = resolve(url)
    request.user = get_user_model()(is_superuser=True, is_staff=True)
    page_admin = admin.site._registry[CountryPage]
    inline = next(
        i for i in page_admin.get_inline_instances(request, page) if i.model is FundingFigure
    )
    formset_class = inline.get_formset(request, page)
    prefix = formset_class.get_default_prefix()
    fields = formset_class.form.base_fields
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        values = {
            "label_en": "Assistance",
            "label_fr": "Aide",
            "amount": "139930000",
            "currency": "CAD",
            "kind": "assistance",
            "period_type": "fiscal",
            "start_year": "2018",
            "end_year": "2019",
            "order": "0",
            **row,
        }
        for name, value in values.items():
            assert name in fields, f"the admin form has no {name} field"
            data[f"{prefix}-{index}-{name}"] = "" if value is None else str(value)
    return formset_class(data, instance=page, prefix=prefix)


def form_errors(formset) -> list[str]:
    return [
        message for form in formset.forms for errors in form.errors.values() for message in errors
    ]


@pytest.mark.django_db
def test_admin_accepts_a_valid_figure_and_fills_a_fiscal_years_end(db):
    page = make_country()
    formset = admin_formset(page, [{"end_year": None}])
    assert formset.is_valid(), formset.errors
    formset.save()
    figure = page.funding_figures.get()
    assert figure.end_year == 2019
    assert figure.amount == Decimal("139930000.00")


INVALID = [
    (
        {"start_year": "2018", "end_year": "2020"},
        "Un exercice financier va d’avril d’une année à mars de la suivante et s’écrit "
        "2018-2019 : la dernière année doit être 2019.",
    ),
    (
        {"period_type": "range", "start_year": "2019", "end_year": "2016"},
        "La dernière année ne peut pas précéder la première.",
    ),
    ({"amount": "-5"}, "Le montant ne peut pas être négatif."),
    (
        {"period_type": "since", "start_year": "2000", "end_year": "2019"},
        "Une période « depuis » n’a pas de dernière année : laissez-la vide.",
    ),
    (
        {"period_type": "year", "start_year": "2019", "end_year": "2020"},
        "Une année civile n’a pas de dernière année : laissez-la vide ou choisissez une suite "
        "d’années.",
    ),
    (
        {"period_type": "range", "start_year": "2016", "end_year": None},
        "Une suite d’années doit avoir une dernière année.",
    ),
    ({"start_year": "1850", "end_year": "1851"}, "Indiquez une première année entre 1900 et 2100."),
    (
        {"kind": "trade_exports", "flow": "disbursement", "period_type": "year", "end_year": None},
        "Les chiffres du commerce et de l’investissement ne sont ni décaissés ni engagés : "
        "laissez ce choix vide.",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "message"), INVALID)
def test_admin_refuses_an_impossible_figure_with_a_french_message(row, message):
    page = make_country()
    with override("fr"):
        formset = admin_formset(page, [row])
        assert not formset.is_valid()
        assert fr(message) in form_errors(formset)
    assert not FundingFigure.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_an_unknown_currency_with_a_translated_message():
    page = make_country()
    with override("fr"):
        formset = admin_formset(page, [{"currency": "USD"}])
        assert not formset.is_valid()
        assert "Sélectionnez un choix valide. USD n’en fait pas partie." in form_errors(formset)


@pytest.mark.django_db
def test_model_clean_refuses_an_unknown_currency_even_outside_forms():
    figure = FundingFigure(
        page=make_country(),
        amount=Decimal(1),
        currency="USD",
        kind="assistance",
        period_type="year",
        start_year=2019,
        label_en="x",
    )
    with override("fr"), pytest.raises(ValidationError) as error:
        figure.clean()
    with override("fr"):
        assert error.value.message_dict["currency"] == [
            "Devise inconnue «\u00a0USD\u00a0»\u00a0: les chiffres sont en dollars canadiens (CAD)."
        ]


@pytest.mark.django_db
def test_admin_refuses_a_part_larger_than_its_whole():
    page = make_country()
    whole = make_figure(page, amount=Decimal("1000000"))
    with override("fr"):
        formset = admin_formset(page, [{"part_of": whole.pk, "amount": "2000000"}])
        assert not formset.is_valid()
        assert (
            "Une partie ne peut pas dépasser le chiffre dont elle fait partie ("
            + nb("1 million de dollars")
            + ")."
        ) in form_errors(formset)


@pytest.mark.django_db
def test_admin_refuses_a_part_outside_its_wholes_period():
    page = make_country()
    whole = make_figure(
        page, amount=Decimal("30000000"), period_type="range", start_year=2016, end_year=2019
    )
    with override("en"):
        formset = admin_formset(
            page,
            [{"part_of": whole.pk, "amount": "1000000", "start_year": "2019", "end_year": "2020"}],
        )
        assert not formset.is_valid()
        assert (
            "A part must fall within the period of the figure it belongs to (2016-2019)."
            in form_errors(formset)
        )


@pytest.mark.django_db
def test_admin_refuses_a_part_of_another_pages_figure():
    page = make_country()
    other = make_country(iso_code="NE", slug_en="niger", slug_fr="niger")
    foreign = make_figure(
        other, amount=Decimal("2000000000"), period_type="since", start_year=2000, end_year=None
    )
    with override("fr"):
        # The inline offers only this page's figures...
        formset = admin_formset(page, [{"part_of": foreign.pk}])
        assert not formset.is_valid()
        assert form_errors(formset) == [
            "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
        ]
        # ...and clean() refuses another page's figure whatever the form offered.
        figure = FundingFigure(
            page=page,
            amount=Decimal(1),
            kind="assistance",
            period_type="since",
            start_year=2001,
            part_of=foreign,
            label_en="x",
        )
        with pytest.raises(ValidationError) as error:
            figure.full_clean()
        assert error.value.message_dict["part_of"] == [
            "Un chiffre ne peut faire partie que d’un chiffre de la même page."
        ]


@pytest.mark.django_db
def test_a_figure_cannot_be_a_part_of_itself_or_of_its_own_part():
    page = make_country()
    whole = make_figure(page, amount=Decimal("2000000"))
    part = make_figure(page, amount=Decimal("1000000"), part_of=whole)
    whole.part_of = whole
    with override("fr"), pytest.raises(ValidationError) as error:
        whole.full_clean()
    with override("fr"):
        messages = error.value.message_dict["part_of"]
    assert "Un chiffre ne peut pas faire partie de lui-même." in messages
    whole.part_of = part
    with override("en"), pytest.raises(ValidationError) as error:
        whole.full_clean()
    assert (
        "These two figures would each be a part of the other."
        in error.value.message_dict["part_of"]
    )


@pytest.mark.django_db
def test_a_whole_cannot_shrink_below_one_of_its_parts():
    page = make_country()
    whole = make_figure(page, amount=Decimal("2000000"))
    make_figure(page, amount=Decimal("1500000"), part_of=whole, label_en="Humanitarian")
    whole.amount = Decimal("1000000")
    with override("en"), pytest.raises(ValidationError) as error:
        whole.full_clean()
    assert error.value.message_dict["amount"] == [
        "This amount is smaller than a figure that is part of it (Humanitarian: "
        + nb("$1.5 million")
        + " (2018-2019))."
    ]


def test_fiscal_year_covers_april_to_march():
    figure = FundingFigure(period_type="fiscal", start_year=2018, end_year=2019)
    assert [d.isoformat() for d in figure.period_dates()] == ["2018-04-01", "2019-03-31"]
    figure = FundingFigure(period_type="range", start_year=2016, end_year=2019)
    assert [d.isoformat() for d in figure.period_dates()] == ["2016-01-01", "2019-12-31"]
    figure = FundingFigure(period_type="since", start_year=2000)
    assert figure.period_dates()[1] is None


# The funding figures admin: the change form and the list.


def post_figure_through_page(client, page: CountryPage, language: str = "en", **overrides):
    """Add a figure on the country page's change form (its inline), as an editor does."""
    data = change_form_data(client, change_url(page))
    index = int(data["funding_figures-INITIAL_FORMS"])
    data["funding_figures-TOTAL_FORMS"] = str(index + 1)
    fields = {
        "label_en": "International assistance",
        "label_fr": "Aide internationale",
        "amount": "139930000",
        "currency": "CAD",
        "kind": "assistance",
        "period_type": "fiscal",
        "start_year": "2018",
        "end_year": "2019",
        "order": "0",
        **overrides,
    }
    data.update({f"funding_figures-{index}-{name}": value for name, value in fields.items()})
    return client.post(change_url(page), data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "-1"}, "Le montant ne peut pas être négatif."),
        (
            {"period_type": "range", "start_year": "2020", "end_year": "2016"},
            "La dernière année ne peut pas précéder la première.",
        ),
        (
            {"start_year": "2018", "end_year": "2021"},
            "Un exercice financier va d’avril d’une année à mars de la suivante et s’écrit "
            "2018-2019 : la dernière année doit être 2019.",
        ),
        ({"currency": "EUR"}, "Sélectionnez un choix valide. EUR n’en fait pas partie."),
    ],
)
def test_admin_refuses_bad_figures_in_french(admin_client, overrides, message):
    page = make_country(status=CountryPage.Status.DRAFT)
    response = post_figure_through_page(admin_client, page, "fr", **overrides)
    assert response.status_code == 200
    assert fr(message) in html_lib.unescape(response.content.decode())
    assert not FundingFigure.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_part_larger_than_its_whole_in_french(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    whole = make_figure(page, amount=Decimal("1000000"))
    response = post_figure_through_page(
        admin_client, page, "fr", part_of=str(whole.pk), amount="1000000.01"
    )
    assert response.status_code == 200
    expected = (
        "Une partie ne peut pas dépasser le chiffre dont elle fait partie ("
        + nb("1 million de dollars")
        + ")."
    )
    assert expected in html_lib.unescape(response.content.decode())
    assert FundingFigure.objects.count() == 1


@pytest.mark.django_db
def test_admin_saves_a_valid_figure_on_its_page(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    assert post_figure_through_page(admin_client, page).status_code == 302
    assert FundingFigure.objects.get().amount == Decimal("139930000.00")
    page.refresh_from_db()
    assert page.version == 2  # a page save: edit conflicts and history see it


@pytest.mark.django_db
def test_the_list_of_figures_is_read_only_and_links_to_the_page_that_edits_them(mali):
    from django.test import Client

    editor = make_staff_user("editor", groups=("Editor",))
    client = Client()
    client.force_login(editor)
    figure = mali.funding_figures.first()
    html = client.get("/admin/pages/fundingfigure/").content.decode()
    assert f'<a href="/admin/pages/countrypage/{mali.pk}/change/">on its country page</a>' in html
    assert client.get("/admin/pages/fundingfigure/add/").status_code == 403
    change = f"/admin/pages/fundingfigure/{figure.pk}/change/"
    assert client.get(change).status_code == 200  # to read
    label = figure.label_fr
    assert client.post(change, {"label_fr": ""}).status_code == 403
    assert client.post(f"/admin/pages/fundingfigure/{figure.pk}/delete/").status_code == 403
    figure.refresh_from_db()
    assert figure.label_fr == label


@pytest.mark.django_db
def test_admin_list_shows_amounts_as_the_pages_do_in_both_languages(admin_client, mali):
    html = admin_client.get("/admin/pages/fundingfigure/").content.decode()
    assert '<span lang="en">' + nb("$1.6 billion") + " (since 2000)</span>" in html
    assert '<span lang="fr">' + nb("1,6 milliard de dollars") + " (depuis 2000)</span>" in html
    assert '<span lang="en">' + nb("$139.93 million") + " (2018-2019)</span>" in html


@pytest.mark.django_db
def test_admin_offers_only_the_same_pages_figures_as_wholes(admin_client, mali):
    other = make_country(iso_code="NE", name_en="Niger", slug_en="niger", slug_fr="niger")
    foreign = make_figure(other, label_en="Niger assistance")
    response = admin_client.get(change_url(mali))
    (figures,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is FundingFigure
    ]
    choices = figures.empty_form.fields["part_of"].queryset
    assert foreign not in choices
    assert set(choices) == set(mali.funding_figures.all())


@pytest.mark.django_db
def test_country_page_admin_previews_each_figure_as_the_pages_show_it(admin_client, mali):
    response = admin_client.get(f"/admin/pages/countrypage/{mali.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span lang="fr">' + nb("139,93 millions de dollars") + " (2018-2019)</span>" in html
    assert '<span lang="en">' + nb("$9.8 million") + " (2016-2020)</span>" in html


@pytest.mark.django_db
def test_program_area_page_links_the_whole_sites_open_data(client):
    area = make_program_area()
    make_figure(make_country(), program_area=area)
    html = client.get("/fr/domaines-de-programme/aide-humanitaire/").content.decode()
    assert "Télécharger les chiffres de tous les pays\u00a0:" in html
    assert 'href="/open-data/funding.csv"' in html


# "More than": amounts a source gives as a minimum.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "url", "table", "desc"),
    [
        (
            "en",
            "/en/countries/mali/",
            "more than " + nb("$30 million"),
            "Bar chart. International assistance, 2016-2019: more than " + nb("$30 million") + ".",
        ),
        (
            "fr",
            "/fr/pays/mali/",
            "plus de " + nb("30 millions de dollars"),
            "Graphique à barres. Aide internationale, 2016-2019\u00a0: plus de "
            + nb("30 millions de dollars")
            + ".",
        ),
    ],
)
def test_a_more_than_amount_says_so_in_the_table_and_the_chart(client, language, url, table, desc):
    page = make_country()
    make_figure(
        page,
        amount=Decimal("30000000"),
        period_type="range",
        start_year=2016,
        end_year=2019,
        more_than=True,
    )
    html = client.get(url).content.decode()
    assert f'<data value="30000000.00">{table}</data>' in html
    svg = charts(html)["chart-assistance"]
    assert svg.find(f"{SVG}desc").text == desc
    assert table in texts(svg)


@pytest.mark.django_db
def test_a_total_with_a_more_than_figure_in_it_is_itself_more_than(client):
    area = make_program_area()
    mali = make_country()
    niger = make_country(
        iso_code="NE", name_en="Niger", name_fr="Niger", slug_en="niger", slug_fr="niger"
    )
    same = {"program_area": area, "kind": FundingFigure.Kind.HUMANITARIAN}
    make_figure(mali, amount=Decimal("67000000"), more_than=True, **same)
    make_figure(niger, amount=Decimal("3000000"), **same)
    html = client.get("/fr/domaines-de-programme/aide-humanitaire/").content.decode()
    assert '<data value="70000000.00">plus de ' + nb("70 millions de dollars") in html
    assert '<data value="67000000.00">plus de ' + nb("67 millions de dollars") in html
    assert '<data value="3000000.00">' + nb("3 millions de dollars") in html


@pytest.mark.django_db
def test_trade_chart_says_more_than_for_a_year_with_a_minimum_in_it(client):
    page = make_country()
    year = {"period_type": "year", "start_year": 2019, "end_year": None}
    make_figure(page, amount=Decimal("26600000"), kind="trade_exports", more_than=True, **year)
    make_figure(page, amount=Decimal("2900000"), kind="trade_imports", **year)
    svg = charts(client.get("/en/countries/mali/").content.decode())["chart-trade"]
    assert "exports more than " + nb("$26.6 million") + ", imports " + nb("$2.9 million") in (
        svg.find(f"{SVG}desc").text
    )
    assert "more than " + nb("$26.6 million") in texts(svg)


@pytest.mark.django_db
def test_the_admin_saves_more_than_and_previews_it_in_both_languages(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    figure = make_figure(page, amount=Decimal("67000000"))
    data = change_form_data(admin_client, change_url(page))
    assert "funding_figures-0-more_than" not in data  # an unticked box sends nothing
    data["funding_figures-0-more_than"] = "on"
    response = admin_client.post(change_url(page), data)
    assert response.status_code == 302, response.context["errors"]
    figure.refresh_from_db()
    assert figure.more_than
    form = admin_client.get(change_url(page)).content.decode()
    assert "more than " + nb("$67 million") in form
    assert "plus de " + nb("67 millions de dollars") in form
