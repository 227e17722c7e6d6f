"""Public pages: language, toggle, redirects, notices, formatting, query counts, markup."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import set_script_prefix
from django.utils import timezone
from django.utils.translation import override

from pages.models import CountryPage, FundingFigure, PageItem
from pages.views.public import country_items, country_sections
from tests.factories import (
    image_bytes,
    make_country,
    make_figure,
    make_image,
    make_item,
    make_program_area,
    make_section,
    make_senegal,
)

NBSP = "\u00a0"
# The mali fixture's pages that search engines list, in both languages.
CONTENT_PAGES = [
    "/en/",
    "/fr/",
    "/en/countries/mali/",
    "/fr/pays/mali/",
    "/en/program-areas/humanitarian-assistance/",
    "/fr/domaines-de-programme/aide-humanitaire/",
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def mali(media) -> CountryPage:
    """The Mali page with the seed's figures, a result, a video and a French-only link."""
    page = make_country(
        intro_en="<p>Canada supports Mali in its efforts toward lasting peace.</p>",
        intro_fr="<p>Le Canada appuie le Mali dans ses efforts vers une paix durable.</p>",
        focus_intro_en="To achieve this, Canada's work in Mali focuses on:",
        focus_intro_fr="Pour y parvenir, le travail du Canada au Mali est axé sur :",
        outro_en="<p>Five decades of cooperation.</p>",
        outro_fr="<p>Cinq décennies de coopération.</p>",
    )
    area = make_program_area()
    make_section(
        page,
        heading_en="Development assistance",
        heading_fr="Aide au développement",
        image=make_image(
            small_image(),
            alt_text_en="Women at a market in Bamako",
            alt_text_fr="Des femmes dans un marché de Bamako",
            credit_en="Shutterstock",
            credit_fr="Shutterstock",
        ),
        program_area=area,
        order=1,
    )
    make_section(
        page,
        heading_en="Canada's engagement in peace operations",
        heading_fr="L'engagement du Canada dans les opérations de paix",
        heading_level=4,
        image=make_image(
            small_image(),
            decorative=True,
            alt_text_en="",
            alt_text_fr="",
            credit_en="RCMP",
            credit_fr="GRC",
        ),
        order=2,
    )
    make_figure(
        page,
        amount=Decimal("1600000000"),
        period_type=FundingFigure.PeriodType.SINCE,
        start_year=2000,
        end_year=None,
        label_en="International assistance to Mali",
        label_fr="Aide internationale au Mali",
        order=1,
    )
    make_figure(page, order=2)
    make_figure(
        page,
        amount=Decimal("45250"),
        kind=FundingFigure.Kind.TRADE_IMPORTS,
        period_type=FundingFigure.PeriodType.YEAR,
        start_year=2019,
        end_year=None,
        label_en="Small grant",
        label_fr="Petite subvention",
        order=3,
    )
    make_item(
        page,
        PageItem.Kind.FOCUS,
        text_en="Increasing Canada's diplomatic engagement in Mali",
        text_fr="Accroître l'engagement diplomatique du Canada au Mali",
    )
    make_item(
        page,
        PageItem.Kind.RESULT,
        value=Decimal("360"),
        text_en="peace ambassadors trained",
        text_fr="ambassadeurs de la paix formés",
        sub_value=Decimal("151"),
        sub_text_en="women",
        sub_text_fr="femmes",
    )
    make_item(
        page,
        PageItem.Kind.RESULT,
        value=Decimal("15000"),
        text_en="people made statements before the commission",
        text_fr="personnes ont fait une déposition devant la commission",
    )
    make_item(
        page,
        PageItem.Kind.VIDEO,
        text_en="Peace ambassadors in Mopti",
        text_fr="Des ambassadeurs de la paix à Mopti",
        url_en="https://video.example/en/mopti",
        url_fr="https://video.example/fr/mopti",
        body_en="Young leaders talk about peace.",
        body_fr="De jeunes leaders parlent de paix.",
        transcript_en="Narrator: In Mopti, young people meet.",
        transcript_fr="Narrateur : À Mopti, des jeunes se rencontrent.",
    )
    make_item(
        page,
        PageItem.Kind.LINK,
        text_en="Agreement for Peace and Reconciliation in Mali",
        text_fr="Accord pour la paix et la réconciliation au Mali",
        url_fr="https://accord.example/fr/",
    )
    make_item(
        page,
        PageItem.Kind.LINK,
        text_en="Project Browser",
        text_fr="Banque de projets",
        url_en="https://projects.example/en/",
    )
    return page


def small_image() -> bytes:
    # Small, so that making its renditions stays fast.
    return image_bytes(size=(60, 40))


def toggle_href(html: str) -> str:
    """The href of the language toggle link in the header."""
    match = re.search(r'<nav class="lang-toggle"[^>]*>\s*<a href="([^"]+)"', html)
    assert match, "no language toggle on the page"
    return match.group(1)


def body_of(response) -> str:
    return response.content.decode()


def make_english_only_senegal(**overrides) -> CountryPage:
    """Senegal, published in English only: no French name, title or slug."""
    english_only = {
        "name_fr": "",
        "title_fr": "",
        "slug_fr": "",
        "available_in": CountryPage.Availability.EN,
    }
    return make_senegal(**(english_only | overrides))


# ---------- Every page in both languages ----------


def test_language_selection_page_offers_both_languages(client):
    response = client.get("/")
    html = body_of(response)
    assert response.status_code == 200
    assert '<a class="button" href="/en/" hreflang="en">English</a>' in html
    assert '<a class="button" href="/fr/" hreflang="fr">Français</a>' in html
    assert "Government of Canada" in html
    assert '<span lang="fr">/ Gouvernement du Canada</span>' in html


@pytest.mark.parametrize(
    ("url", "lang", "title", "toggle"),
    [
        ("/en/", "en", "Canada's international engagement - Canada.ca", "/fr/"),
        ("/fr/", "fr", "L'engagement international du Canada - Canada.ca", "/en/"),
        (
            "/en/countries/mali/",
            "en",
            "Canada's engagement in Mali - Canada.ca",
            "/fr/pays/mali/",
        ),
        (
            "/fr/pays/mali/",
            "fr",
            "L'engagement du Canada au Mali - Canada.ca",
            "/en/countries/mali/",
        ),
        (
            "/en/program-areas/humanitarian-assistance/",
            "en",
            "Humanitarian assistance - Canada.ca",
            "/fr/domaines-de-programme/aide-humanitaire/",
        ),
        (
            "/fr/domaines-de-programme/aide-humanitaire/",
            "fr",
            "Aide humanitaire - Canada.ca",
            "/en/program-areas/humanitarian-assistance/",
        ),
    ],
)
def test_every_public_page_answers_in_its_language_with_title_and_toggle(
    client, mali, url, lang, title, toggle
):
    response = client.get(url)
    html = body_of(response)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert f"<title>{title.replace(chr(39), '&#x27;')}</title>" in html or (
        f"<title>{title}</title>" in html
    )
    assert toggle_href(html) == toggle
    other = "fr" if lang == "en" else "en"
    assert f'lang="{other}" hreflang="{other}">' in html
    assert html.count("<h1") == 1


def test_head_links_to_both_versions_and_x_default(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/countries/mali/">' in html
    )
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/pays/mali/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html
    assert 'name="robots"' not in html


def canonical_links(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)">', html)


@pytest.mark.parametrize("url", [*CONTENT_PAGES, "/", "/en/open-data/", "/fr/donnees-ouvertes/"])
def test_each_page_names_itself_canonical_without_its_query(client, mali, url):
    # Campaign tags and other parameters are not another page for search engines.
    for address in (url, f"{url}?utm_source=newsletter", f"{url}?page=2"):
        assert canonical_links(body_of(client.get(address))) == [f"http://testserver{url}"]


def test_pages_kept_out_of_search_engines_name_no_canonical(client, admin_client):
    english_only = make_english_only_senegal()
    notice = body_of(client.get("/fr/pays/senegal/"))
    assert 'name="robots" content="noindex"' in notice
    assert canonical_links(notice) == []
    preview = body_of(admin_client.get(f"/en/preview/{english_only.pk}/"))
    assert canonical_links(preview) == []
    thanks = body_of(client.get("/en/report-problem/thanks/?next=/en/countries/senegal/"))
    assert canonical_links(thanks) == []


@pytest.mark.parametrize("start", ["/en/countries/mali/", "/fr/pays/mali/"])
def test_toggle_goes_to_the_same_country_and_back(client, mali, start):
    there = toggle_href(body_of(client.get(start)))
    response = client.get(there)
    assert response.status_code == 200
    assert response.context["page"].pk == mali.pk
    assert toggle_href(body_of(response)) == start


def test_toggle_keeps_translated_slugs_different_per_language(client):
    page = make_country(
        iso_code="CI",
        name_en="Côte d'Ivoire",
        name_fr="Côte d'Ivoire",
        title_en="Canada's engagement in Côte d'Ivoire",
        title_fr="L'engagement du Canada en Côte d'Ivoire",
        slug_en="ivory-coast",
        slug_fr="cote-divoire",
    )
    html = body_of(client.get("/en/countries/ivory-coast/"))
    assert toggle_href(html) == "/fr/pays/cote-divoire/"
    html = body_of(client.get("/fr/pays/cote-divoire/"))
    assert toggle_href(html) == "/en/countries/ivory-coast/"
    assert page.get_absolute_url("fr") == "/fr/pays/cote-divoire/"


def test_signature_is_text_in_both_languages(client, mali):
    html = body_of(client.get("/en/"))
    assert "Government of Canada" in html
    assert '<span class="signature-other" lang="fr">/ Gouvernement du Canada</span>' in html
    html = body_of(client.get("/fr/"))
    assert '<span class="signature-other" lang="en">/ Government of Canada</span>' in html


# ---------- Redirects, notices, visibility ----------


def test_other_language_slug_redirects_permanently(client):
    make_country(iso_code="CI", slug_en="ivory-coast", slug_fr="cote-divoire")
    response = client.get("/en/countries/cote-divoire/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/ivory-coast/"
    response = client.get("/fr/pays/ivory-coast/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/pays/cote-divoire/"


def test_program_area_slug_of_other_language_redirects(client):
    make_program_area()
    response = client.get("/en/program-areas/aide-humanitaire/")
    assert response.status_code == 301
    assert response["Location"] == "/en/program-areas/humanitarian-assistance/"


def test_own_slug_wins_over_another_pages_slug_in_the_other_language(client):
    # "niger" in French for one page and "niger" in English for another.
    make_country(iso_code="NE", slug_en="niger", slug_fr="niger", title_en="Niger page")
    make_country(iso_code="NG", slug_en="nigeria", slug_fr="nigeria-fr", title_en="Nigeria page")
    response = client.get("/en/countries/niger/")
    assert response.status_code == 200
    assert response.context["page"].iso_code == "NE"


def test_page_without_french_shows_a_french_notice_linking_to_english(client):
    make_english_only_senegal(
        intro_en="<p>Only English text here.</p>",
        one_language_reason_fr="La traduction est en cours.",
    )
    response = client.get("/fr/pays/senegal/")
    html = body_of(response)
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "<h1>Page non disponible en français</h1>" in html
    assert "Cette page n'a pas été traduite en français" in html
    assert "La traduction est en cours." in html
    assert (
        f'<a href="/en/countries/senegal/" hreflang="en">Consulter la version anglaise{NBSP}:'
        in html
    )
    assert '<span lang="en">Canada&#x27;s engagement in Senegal</span>' in html
    assert '<meta name="robots" content="noindex">' in html
    # Never silent English: the English body is not shown under the French URL.
    assert "Only English text here." not in html
    assert 'hreflang="fr" href="http://testserver/fr/' not in html


def test_page_without_english_shows_an_english_notice_linking_to_french(client):
    make_country(
        iso_code="HT",
        title_fr="L'engagement du Canada en Haïti",
        slug_en="haiti",
        slug_fr="haiti",
        intro_fr="<p>Texte en français seulement.</p>",
        available_in=CountryPage.Availability.FR,
    )
    response = client.get("/en/countries/haiti/")
    html = body_of(response)
    assert response.status_code == 200
    assert "<h1>Page not available in English</h1>" in html
    assert '<a href="/fr/pays/haiti/" hreflang="fr">Read the French version:' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Texte en français seulement." not in html


def test_home_marks_a_country_in_the_other_language_only(client, mali):
    make_english_only_senegal()
    html = body_of(client.get("/fr/"))
    assert (
        '<a href="/en/countries/senegal/" hreflang="en" lang="en">'
        "Canada&#x27;s engagement in Senegal</a> (en anglais seulement)"
    ) in html
    assert '<a href="/fr/pays/mali/">L&#x27;engagement du Canada au Mali</a>' in html


@pytest.mark.parametrize("url", ["/en/countries/draft/", "/fr/pays/brouillon/"])
def test_unpublished_page_is_not_found(client, url):
    make_country(
        iso_code="TD", slug_en="draft", slug_fr="brouillon", status=CountryPage.Status.DRAFT
    )
    assert client.get(url).status_code == 404
    assert "draft" not in body_of(client.get("/en/"))


def test_page_scheduled_in_the_future_is_not_found_until_its_time(client):
    make_country(
        iso_code="TD",
        slug_en="chad",
        slug_fr="tchad",
        title_en="Canada's engagement in Chad",
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert client.get("/en/countries/chad/").status_code == 404
    assert client.get("/fr/pays/tchad/").status_code == 404
    assert "Chad" not in body_of(client.get("/en/"))
    CountryPage.objects.update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get("/en/countries/chad/").status_code == 200


def test_unknown_slug_is_not_found(client):
    assert client.get("/en/countries/atlantis/").status_code == 404
    assert client.get("/en/program-areas/atlantis/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        *CONTENT_PAGES,
        "/en/search/?q=peace",
        "/fr/donnees-ouvertes/",
        "/open-data/funding.csv",
        "/fr/signaler-probleme/merci/",
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
    ],
)
def test_a_page_that_only_reads_refuses_other_methods_with_405(mali, url):
    # With the CSRF check on, as browsers and servers meet it (the test
    # client skips it by default): a 405 naming the methods, not a CSRF 403.
    client = Client(enforce_csrf_checks=True)
    for method in (client.post, client.put, client.delete):
        response = method(url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        *CONTENT_PAGES,
        "/en/search/?q=peace",
        "/en/open-data/",
        "/open-data/funding.csv",
        "/en/report-problem/thanks/?next=/en/countries/mali/",
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
    ],
)
def test_every_public_address_answers_head_as_it_answers_get(client, mali, url):
    # Link checkers and uptime monitors ask with HEAD (RFC 9110: a server
    # that answers GET must answer HEAD): same status and headers, no body.
    head = client.head(url)
    get = client.get(url)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert len(get.content) > 0
    for name in ("Content-Type", "Content-Language", "Content-Length", "ETag"):
        assert head.headers.get(name) == get.headers.get(name), name


# ---------- Country page content ----------


def test_money_renders_as_design_says_in_english(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    # Non-breaking between number and word, so "$1.6" never ends a line.
    assert f">$1.6{NBSP}billion</data></td>" in html
    assert f">$139.93{NBSP}million</data></td>" in html
    assert ">$45,250</data></td>" in html
    assert re.search(r"<td[^>]*>since 2000</td>", html)
    assert re.search(r"<td[^>]*>2018-2019</td>", html)


def test_money_renders_as_design_says_in_french(client, mali):
    html = body_of(client.get("/fr/pays/mali/"))
    assert f">1,6{NBSP}milliard{NBSP}de{NBSP}dollars</data></td>" in html
    assert f">139,93{NBSP}millions{NBSP}de{NBSP}dollars</data></td>" in html
    assert f">45{NBSP}250{NBSP}$</data></td>" in html
    assert re.search(r"<td[^>]*>depuis 2000</td>", html)


def test_date_modified_is_iso_in_a_time_element_in_both_languages(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    assert 'Date modified: <time datetime="2026-11-28">2026-11-28</time>' in html
    html = body_of(client.get("/fr/pays/mali/"))
    assert f'Date de modification{NBSP}: <time datetime="2026-11-28">2026-11-28</time>' in html


def test_open_data_page_is_dated_by_the_latest_country_it_lists(client, mali):
    make_senegal(date_modified=datetime.date(2026, 12, 1))
    html = body_of(client.get("/fr/donnees-ouvertes/"))
    assert f'Date de modification{NBSP}: <time datetime="2026-12-01">2026-12-01</time>' in html


@pytest.mark.parametrize("url", ["/", "/en/", "/fr/pays/mali/", "/en/does-not-exist/"])
def test_every_page_names_the_site_icon_so_browsers_do_not_ask_for_favicon_ico(client, mali, url):
    html = body_of(client.get(url))
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    assert icon.startswith("/static/pages/favicon") and icon.endswith(".svg")


def test_country_page_shows_intro_focus_list_and_outro(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    assert "<p>Canada supports Mali in its efforts toward lasting peace.</p>" in html
    assert "To achieve this, Canada&#x27;s work in Mali focuses on:" in html
    assert "<li>Increasing Canada&#x27;s diplomatic engagement in Mali</li>" in html
    assert "<p>Five decades of cooperation.</p>" in html
    assert html.index("focuses on:") < html.index("Five decades")


def test_sections_use_their_heading_level_under_areas_of_action(client, mali):
    html = body_of(client.get("/fr/pays/mali/"))
    assert '<h2 id="areas-of-action">Domaines d\'action du Canada</h2>' in html
    assert re.search(r"<h3 [^>]*>Aide au développement</h3>", html)
    assert re.search(
        r"<h4 [^>]*>L&#x27;engagement du Canada dans les opérations de paix</h4>", html
    )


def test_section_images_have_alt_text_credit_and_figure(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    assert '<figure class="figure section-image">' in html
    assert 'alt="Women at a market in Bamako"' in html
    assert "<figcaption>Photo credit: Shutterstock</figcaption>" in html
    # The decorative photo is skipped by screen readers.
    assert 'alt=""' in html
    assert "<figcaption>Photo credit: RCMP</figcaption>" in html
    html = body_of(client.get("/fr/pays/mali/"))
    assert 'alt="Des femmes dans un marché de Bamako"' in html
    assert f"<figcaption>Crédit photo{NBSP}: Shutterstock</figcaption>" in html


def test_results_read_with_their_sub_count(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    assert (
        '<strong class="result-number">360</strong> peace ambassadors trained, 151 of them women'
    ) in html
    assert '<strong class="result-number">15,000</strong> people made statements' in html
    html = body_of(client.get("/fr/pays/mali/"))
    assert (
        '<strong class="result-number">360</strong> ambassadeurs de la paix formés, dont 151 femmes'
    ) in html
    assert f'<strong class="result-number">15{NBSP}000</strong>' in html


def test_video_gallery_has_title_link_caption_and_transcript_in_details(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    assert "Video gallery" in html
    assert ">Peace ambassadors in Mopti</h3>" in html
    assert '<a class="video-link" href="https://video.example/en/mopti">' in html
    assert "Young leaders talk about peace." in html
    assert re.search(
        r"<details class=\"transcript\">\s*<summary>Transcript</summary>\s*"
        r"<p>Narrator: In Mopti, young people meet.</p>",
        html,
    )
    assert "<iframe" not in html


def test_related_link_with_target_in_one_language_says_so(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    assert (
        '<a href="https://accord.example/fr/" hreflang="fr">'
        "Agreement for Peace and Reconciliation in Mali</a> (in French only)"
    ) in html
    assert '<a href="https://projects.example/en/">Project Browser</a></li>' in html
    html = body_of(client.get("/fr/pays/mali/"))
    assert (
        '<a href="https://projects.example/en/" hreflang="en">Banque de projets</a>'
        " (en anglais seulement)"
    ) in html
    assert (
        '<a href="https://accord.example/fr/">Accord pour la paix et la réconciliation au Mali</a>'
    ) in html


def test_breadcrumb_is_an_ordered_list_without_the_current_page(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    crumbs = re.search(r'<nav class="breadcrumb[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert "<ol>" in crumbs
    assert '<a href="https://www.canada.ca/en.html">Canada.ca</a>' in crumbs
    assert '<a href="/en/">Canada\'s international engagement</a>' in crumbs
    assert "Mali" not in crumbs
    html = body_of(client.get("/fr/"))
    crumbs = re.search(r'<nav class="breadcrumb[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert '<a href="https://www.canada.ca/fr.html">Canada.ca</a>' in crumbs
    assert "/fr/" not in crumbs.replace("canada.ca/fr.html", "")


def test_rich_text_is_sanitised_on_the_page(client):
    page = make_country(
        intro_en='<p onmouseover="steal()">Hello<script>alert("x")</script></p>',
    )
    make_section(
        page,
        body_en=(
            '<p>Read <a href="javascript:alert(1)" onclick="steal()">this</a>'
            '<img src="x" onerror="steal()"></p><script>alert(2)</script>'
        ),
    )
    html = body_of(client.get("/en/countries/mali/"))
    assert "<script" not in html
    assert "alert(" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    assert "onmouseover" not in html
    assert "<p>Hello</p>" in html
    assert ">this</a>" in html


@pytest.mark.parametrize(
    "url", ["/", "/en/", "/fr/", "/en/countries/mali/", "/fr/pays/mali/", "/en/nothing-here/"]
)
def test_pages_have_no_inline_script_or_style(client, mali, url):
    html = body_of(client.get(url))
    assert "<script" not in html
    assert "<style" not in html
    assert "style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_pages_have_skip_link_and_labelled_landmarks(client, mali):
    html = body_of(client.get("/en/countries/mali/"))
    assert '<a href="#main-content">Skip to main content</a>' in html
    assert '<main id="main-content"' in html
    assert "<header" in html
    assert "<footer" in html
    for nav in re.findall(r"<nav[^>]*>", html):
        assert "aria-label=" in nav


# ---------- Program areas ----------


def test_program_area_page_lists_the_countries_where_it_applies(client, mali):
    area = mali.sections.get(order=1).program_area
    other_area = make_program_area(
        name_en="Trade", name_fr="Commerce", slug_en="trade", slug_fr="commerce"
    )
    by_figure = make_country(
        iso_code="NE",
        name_en="Niger",
        name_fr="Niger",
        title_en="Canada's engagement in Niger",
        slug_en="niger",
        slug_fr="niger",
    )
    make_figure(by_figure, program_area=area)
    # Mali is linked to the area twice, by two sections: one row each in the join.
    make_section(mali, program_area=area, order=9)
    unrelated = make_country(
        iso_code="BF", title_en="Canada's engagement in Burkina Faso", slug_en="bf", slug_fr="bf"
    )
    make_section(unrelated, program_area=other_area)
    draft = make_country(
        iso_code="TD",
        title_en="Canada's engagement in Chad",
        slug_en="chad",
        slug_fr="tchad",
        status=CountryPage.Status.DRAFT,
    )
    make_section(draft, program_area=area)
    html = body_of(client.get("/en/program-areas/humanitarian-assistance/"))
    assert '<a href="/en/countries/mali/">' in html
    assert '<a href="/en/countries/niger/">' in html
    assert "Burkina Faso" not in html
    assert "Chad" not in html
    # Mali appears once although two sections point at the area.
    assert html.count('href="/en/countries/mali/"') == 1


def test_home_lists_published_countries_and_program_areas(client, mali):
    html = body_of(client.get("/en/"))
    assert '<a href="/en/countries/mali/">Canada&#x27;s engagement in Mali</a>' in html
    assert (
        '<a href="/en/program-areas/humanitarian-assistance/">Humanitarian assistance</a>' in html
    )


# ---------- Query counts ----------


def test_country_page_query_count_is_fixed_with_1_and_30_sections(
    client, media, django_assert_num_queries
):
    page = make_country()
    image = make_image(small_image())
    make_section(page, image=image)
    with django_assert_num_queries(4):
        assert client.get("/en/countries/mali/").status_code == 200
    area = make_program_area()
    for index in range(29):
        make_section(page, image=image, program_area=area, order=index)
    with django_assert_num_queries(4):
        response = client.get("/fr/pays/mali/")
    assert response.content.decode().count('<section id="section-') == 30


def test_country_page_query_count_is_fixed_with_many_figures_and_items(
    client, mali, django_assert_num_queries
):
    with django_assert_num_queries(4):
        client.get("/en/countries/mali/")
    for index in range(25):
        make_figure(mali, order=10 + index)
        for kind in PageItem.Kind.values:
            make_item(mali, kind, order=10 + index, url_en="https://example.com/")
    with django_assert_num_queries(4):
        response = client.get("/en/countries/mali/")
    assert response.content.decode().count('<li class="video">') == 26


def test_missing_language_notice_needs_no_extra_queries(client, django_assert_num_queries):
    make_country(slug_fr="", available_in=CountryPage.Availability.EN)
    with django_assert_num_queries(4):
        assert client.get("/fr/pays/mali/").status_code == 200


def test_sections_items_and_figures_follow_the_editors_order_then_creation(client):
    """The page's rows come unordered from the database and are put in order in Python."""
    page = make_country()
    for order, name in ((2, "Third"), (1, "First"), (2, "Fourth"), (1, "Second")):
        make_section(page, heading_en=f"{name} section", order=order)
        make_item(page, "focus", text_en=f"{name} point", order=order)
        make_figure(page, label_en=f"{name} figure", order=order)
    html = client.get("/en/countries/mali/").content.decode()
    names = ("First", "Second", "Third", "Fourth")
    for kind in ("section", "point", "figure"):
        positions = [html.index(f"{name} {kind}") for name in names]
        assert positions == sorted(positions), kind


@pytest.mark.parametrize("language", ["en", "fr"])
def test_country_items_read_as_the_models_do(language):
    page = make_country()
    make_item(
        page,
        PageItem.Kind.LINK,
        order=2,
        text_en="Both",
        url_en="https://e.ca/en",
        url_fr="https://e.ca/fr",
    )
    make_item(
        page,
        PageItem.Kind.LINK,
        order=1,
        text_en="French only",
        text_fr="",
        url_fr="https://e.ca/fr",
    )
    make_item(
        page,
        PageItem.Kind.LINK,
        order=1,
        text_en="English only",
        url_en="https://e.ca/en",
        url_fr="",
    )
    make_item(page, PageItem.Kind.LINK, order=0, text_en="Nowhere", url_en="", url_fr="")
    make_item(
        page,
        PageItem.Kind.RESULT,
        value=Decimal("15000"),
        sub_value=Decimal("9000"),
        sub_text_en="women",
        sub_text_fr="",
    )
    make_item(
        page,
        PageItem.Kind.VIDEO,
        url_en="https://v.ca/en",
        body_en="Caption",
        transcript_fr="Transcription",
    )
    make_item(page, PageItem.Kind.FOCUS, order=1, text_fr="")
    make_item(page, PageItem.Kind.FOCUS, order=0)
    with override(language):
        items = country_items(page.pk, language)
        models = list(page.items.all())  # Meta ordering: kind, order, pk
        rows = [row for kind in sorted(items) for row in items[kind]]
        assert [row.pk for row in rows] == [item.pk for item in models]
        for row, item in zip(rows, models, strict=True):
            assert items[item.kind].count(row) == 1
            for name in ("text", "url", "body", "transcript", "value", "sub_value", "sub_text"):
                assert getattr(row, name) == getattr(item, name), name
            if item.kind == PageItem.Kind.LINK:
                assert row.href == item.url_for(language)
                assert row.only_in == item.target_language_only(language)
    # The cases above are all there: a target in the other language only, and none at all.
    other = {"en": "fr", "fr": "en"}[language]
    assert {row.only_in for row in items[PageItem.Kind.LINK]} == {None, other}
    assert "" in {row.href for row in items[PageItem.Kind.LINK]}


def test_remembered_urls_follow_the_script_prefix():
    page = make_country()
    area = make_program_area()
    assert page.get_absolute_url("en") == "/en/countries/mali/"
    assert area.get_absolute_url("fr") == "/fr/domaines-de-programme/aide-humanitaire/"
    set_script_prefix("/site/")
    try:
        assert page.get_absolute_url("en") == "/site/en/countries/mali/"
        assert area.get_absolute_url("fr") == "/site/fr/domaines-de-programme/aide-humanitaire/"
    finally:
        set_script_prefix("/")
    assert page.get_absolute_url("en") == "/en/countries/mali/"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_country_sections_read_as_the_models_do(media, language):
    page = make_country()
    photo = make_image(image_bytes(size=(800, 400)), credit_fr="")
    make_section(page, order=2, image=photo, heading_level=4)
    make_section(page, order=1, heading_en="Later, same order", body_fr="")
    make_section(page, order=1, heading_fr="", image=make_image(decorative=True))
    make_section(page, order=0, body_en="")
    with override(language):
        rows = country_sections(page.pk, language)
        models = list(page.sections.select_related("image"))  # Meta ordering: order, pk
        assert [row.pk for row in rows] == [section.pk for section in models]
        for row, section in zip(rows, models, strict=True):
            for name in ("heading_level", "heading", "body", "anchor"):
                assert getattr(row, name) == getattr(section, name), name
            if section.image is None:
                assert row.image is None
                continue
            assert row.image.pk == section.image.pk
            for name in ("alt", "credit", "src", "webp_srcset", "fallback_srcset", "width"):
                assert getattr(row.image, name) == getattr(section.image, name), name
    assert "" in {row.heading for row in rows} | {row.body for row in rows}
