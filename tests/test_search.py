"""Site search: what is found, in which language, how it is shown, and bad input."""

import datetime
import html
import io
import re
import shutil
import tempfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from pages import search as site_search
from pages.models import CountryPage, PageItem, SearchEntry
from tests.factories import make_country, make_item, make_program_area, make_section, make_senegal

ON_POSTGRES = connection.vendor == "postgresql"
postgres_only = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRES,
        reason="full-text search (stemming, GIN index) exists on PostgreSQL only; "
        "set DATABASE_URL=postgres://… to run it",
    ),
]


def titles(response) -> list[str]:
    """The result titles of a results page, in order."""
    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', response.content.decode())


def make_mali() -> CountryPage:
    page = make_country(
        intro_en="<p>Canada supports Mali's security and development.</p>",
        intro_fr="<p>Le Canada appuie la sécurité et le développement du Mali.</p>",
    )
    make_section(
        page,
        heading_en="Humanitarian assistance",
        heading_fr="Aide humanitaire",
        body_en="<p>Canada provides humanitarian assistance to those in need.</p>",
        body_fr="<p>Le Canada fournit une aide humanitaire aux personnes dans le besoin.</p>",
    )
    return page


# --- The box and the URLs ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "action", "label", "button"),
    [
        ("/en/", "/en/search/", "Search this site", "Search"),
        ("/fr/", "/fr/recherche/", "Rechercher dans le site", "Rechercher"),
        ("/en/countries/mali/", "/en/search/", "Search this site", "Search"),
        ("/fr/pays/mali/", "/fr/recherche/", "Rechercher dans le site", "Rechercher"),
    ],
)
def test_every_page_header_has_a_labelled_get_search_form(client, path, action, label, button):
    make_mali()
    html = client.get(path).content.decode()
    form = re.search(r'<form class="search-box".*?</form>', html, re.S).group(0)
    assert f'action="{action}"' in form
    assert 'method="get"' in form
    assert f'<label for="site-search-q" class="visually-hidden">{label}</label>' in form
    assert 'id="site-search-q" name="q"' in form
    assert f'<button type="submit">{button}</button>' in form


def test_search_urls_are_translated():
    with override("en"):
        assert reverse("pages:search") == "/en/search/"
    with override("fr"):
        assert reverse("pages:search") == "/fr/recherche/"


@pytest.mark.django_db
def test_language_toggle_on_results_goes_to_the_same_search_in_the_other_language(client):
    html = client.get("/en/search/", {"q": "aide humanitaire"}).content.decode()
    assert 'href="/fr/recherche/?q=aide+humanitaire" lang="fr" hreflang="fr"' in html


# --- What is found ------------------------------------------------------------


@pytest.mark.django_db
def test_english_search_finds_a_page_by_its_section_text_and_links_to_it(client):
    make_mali()
    response = client.get("/en/search/", {"q": "humanitarian"})
    assert response.status_code == 200
    assert titles(response) == ["Canada&#x27;s engagement in Mali"]
    html = response.content.decode()
    assert '<a href="/en/countries/mali/">' in html
    assert '<p class="search-meta">Mali</p>' in html
    assert "1 result for “humanitarian”" in html


@pytest.mark.django_db
def test_french_search_finds_the_french_text_and_links_to_the_french_page(client):
    make_mali()
    response = client.get("/fr/recherche/", {"q": "aide humanitaire"})
    assert titles(response) == ["L&#x27;engagement du Canada au Mali"]
    html = response.content.decode()
    assert '<a href="/fr/pays/mali/">' in html
    assert "1 résultat pour «\u00a0aide humanitaire\u00a0»" in html


@pytest.mark.django_db
def test_search_ignores_case_and_accents_in_both_languages(client):
    make_mali()
    make_senegal()
    assert titles(client.get("/fr/recherche/", {"q": "SECURITE"})) == [
        "L&#x27;engagement du Canada au Mali"
    ]
    assert titles(client.get("/fr/recherche/", {"q": "senegal"})) == [
        "L&#x27;engagement du Canada au Sénégal"
    ]
    assert titles(client.get("/en/search/", {"q": "HUMANITARIAN Assistance"})) == [
        "Canada&#x27;s engagement in Mali"
    ]


@pytest.mark.django_db
def test_focus_points_results_and_video_transcripts_are_searched(client):
    page = make_mali()
    make_item(page, PageItem.Kind.FOCUS, text_en="Preventing violent extremism")
    make_item(page, PageItem.Kind.RESULT, text_en="360 peace ambassadors trained")
    make_item(
        page,
        PageItem.Kind.VIDEO,
        text_en="Women mediators",
        transcript_en="Narrator: the mediators travelled to Timbuktu.",
    )
    for query in ("extremism", "ambassadors", "mediators", "Timbuktu"):
        assert titles(client.get("/en/search/", {"q": query})) == [
            "Canada&#x27;s engagement in Mali"
        ], query


@pytest.mark.django_db
def test_program_areas_are_found_and_linked(client):
    area = make_program_area(
        description_en="Food, water and shelter in crises.",
        description_fr="Nourriture, eau et abri en temps de crise.",
    )
    response = client.get("/fr/recherche/", {"q": "abri"})
    assert titles(response) == ["Aide humanitaire"]
    html = response.content.decode()
    assert f'<a href="{area.get_absolute_url("fr")}">' in html
    assert area.get_absolute_url("fr").startswith("/fr/")
    assert '<p class="search-meta">Domaine de programme</p>' in html


@pytest.mark.django_db
def test_drafts_never_appear(client):
    make_mali()
    make_senegal(status=CountryPage.Status.DRAFT, intro_en="<p>Humanitarian draft.</p>")
    assert titles(client.get("/en/search/", {"q": "humanitarian"})) == [
        "Canada&#x27;s engagement in Mali"
    ]
    assert titles(client.get("/en/search/", {"q": "senegal"})) == []


@pytest.mark.django_db
def test_scheduled_page_appears_only_once_its_time_has_come(client):
    page = make_senegal(publish_at=timezone.now() + datetime.timedelta(days=1))
    assert titles(client.get("/en/search/", {"q": "senegal"})) == []
    # No save and so no re-indexing: visibility is decided when searching.
    CountryPage.objects.filter(pk=page.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert titles(client.get("/en/search/", {"q": "senegal"})) == [
        "Canada&#x27;s engagement in Senegal"
    ]


@pytest.mark.django_db
def test_the_other_languages_text_never_appears(client):
    make_mali()
    # English words on the French site, French words on the English one.
    assert titles(client.get("/fr/recherche/", {"q": "humanitarian"})) == []
    assert titles(client.get("/en/search/", {"q": "besoin"})) == []


@pytest.mark.django_db
def test_english_only_page_is_not_in_french_results_even_with_french_text(client):
    make_senegal(
        available_in=CountryPage.Availability.EN,
        intro_en="<p>Fisheries.</p>",
        intro_fr="<p>Pêcheries.</p>",
    )
    assert titles(client.get("/en/search/", {"q": "fisheries"})) == [
        "Canada&#x27;s engagement in Senegal"
    ]
    assert titles(client.get("/fr/recherche/", {"q": "pecheries"})) == []


@pytest.mark.django_db
def test_no_results_suggests_the_other_languages_results(client):
    make_mali()
    html = client.get("/fr/recherche/", {"q": "humanitarian"}).content.decode()
    assert "0 résultat pour «\u00a0humanitarian\u00a0»" in html
    assert '<a href="/en/search/?q=humanitarian" hreflang="en">1 résultat en anglais</a>' in html
    html = client.get("/en/search/", {"q": "besoin"}).content.decode()
    assert '<a href="/fr/recherche/?q=besoin" hreflang="fr">1 result in French</a>' in html


@pytest.mark.django_db
def test_no_results_in_either_language_gives_advice(client):
    make_mali()
    html = client.get("/en/search/", {"q": "zzyzx"}).content.decode()
    assert "0 results for “zzyzx”" in html
    assert "Check the spelling, or try other or fewer words." in html


@pytest.mark.django_db
def test_counts_use_correct_plurals_in_both_languages(client):
    for index in range(3):
        make_senegal(
            iso_code=f"S{chr(65 + index)}",
            slug_en=f"s{index}",
            slug_fr=f"s{index}",
            title_en=f"Page {index}",
            title_fr=f"Page {index}",
            intro_en="<p>Baobab</p>",
            intro_fr="<p>Baobab</p>",
        )
    assert "3 results for “baobab”" in client.get("/en/search/", {"q": "baobab"}).content.decode()
    assert (
        "3 résultats pour «\u00a0baobab\u00a0»"
        in client.get("/fr/recherche/", {"q": "baobab"}).content.decode()
    )


@pytest.mark.django_db
def test_a_title_hit_ranks_above_body_hits(client):
    make_senegal(
        intro_en="<p>Baobab trees. Baobab fruit. Baobab oil. Baobab shade.</p>",
        title_en="Canada's engagement in Senegal",
    )
    make_country(
        iso_code="GM",
        name_en="Gambia",
        title_en="Baobab country",
        slug_en="gambia",
        slug_fr="gambie",
        intro_en="<p>Trade.</p>",
    )
    assert titles(client.get("/en/search/", {"q": "baobab"})) == [
        "Baobab country",
        "Canada&#x27;s engagement in Senegal",
    ]


def test_elided_articles_possessives_and_stray_letters_are_not_terms():
    def groups(query: str) -> list[list[str]]:
        return site_search.parse_query(query).groups

    assert groups("l'aide") == [["aide"]]
    assert groups("L’Engagement qu'il d’eau jusqu'au") == [["engagement"], ["il"], ["eau"], ["au"]]
    assert groups("Canada's Mali’s") == [["canada"], ["mali"]]
    # Inside a phrase the letters are part of the words to find next to each other.
    assert groups("Côte-d'Ivoire") == [["cote d ivoire"]]
    assert groups('"de l\'aide"') == [["de l aide"]]
    # One letter on its own, left over or typed, would match nearly every word.
    assert groups("jusqu'à l' x") == []
    assert site_search.parse_query("-l'aide").exclude == ["aide"]


@pytest.mark.django_db
def test_an_elided_article_neither_matches_nor_marks_other_words(client):
    make_country(intro_fr="<p>Le long travail de la paix et les écoles. L'aide arrive.</p>")
    html = client.get("/fr/recherche/", {"q": "l'aide"}).content.decode()
    excerpt = re.search(r'<p class="search-excerpt">(.*?)</p>', html, re.S).group(1)
    assert re.findall(r"<mark>(.*?)</mark>", excerpt) == ["aide"]


@pytest.mark.django_db
def test_an_elided_article_does_not_lift_a_title_that_starts_with_one(client):
    # Both have "aide" once in the body and not in the title: equal rank,
    # alphabetical order. The "L'" of the title was a title hit for "l".
    make_country(intro_fr="<p>Une aide.</p>")
    make_senegal(title_fr="Bénin", intro_fr="<p>Une aide.</p>")
    assert titles(client.get("/fr/recherche/", {"q": "l'aide"})) == [
        "Bénin",
        "L&#x27;engagement du Canada au Mali",
    ]


@pytest.mark.django_db
def test_hyphen_joined_words_must_be_next_to_each_other(client):
    make_country(intro_en="<p>Peace operations in the country.</p>")
    make_senegal(intro_en="<p>Regional co-operation.</p>")
    assert titles(client.get("/en/search/", {"q": "co-operation"})) == [
        "Canada&#x27;s engagement in Senegal"
    ]
    assert titles(client.get("/en/search/", {"q": "operation-co"})) == []


def test_a_hyphenated_query_marks_the_hyphenated_word_only():
    text = "Co-operation, not a country's operation."
    marked = site_search.highlight(text, site_search.parse_query("co-operation").include)
    assert marked == "<mark>Co-operation</mark>, not a country&#x27;s operation."


@pytest.mark.django_db
def test_invisible_characters_inside_words_do_not_split_them(client):
    # A soft hyphen as an entity and as a character, a zero-width space, a
    # word joiner, a zero-width joiner and a byte order mark.
    make_country(
        intro_en="<p>Humani&shy;tarian peace\u00adkeeping co\u200boperation "
        "land\u2060mines health\u200dcare \ufeffbaobab</p>"
    )
    for query in ("humanitarian", "peacekeeping", "cooperation", "landmines", "healthcare"):
        assert titles(client.get("/en/search/", {"q": query})) == [
            "Canada&#x27;s engagement in Mali"
        ], query
    # Typed or pasted into the query, they are no word break either.
    assert titles(client.get("/en/search/", {"q": "peace\u00adkeeping \u200bbaobab"})) == [
        "Canada&#x27;s engagement in Mali"
    ]
    body = SearchEntry.objects.get(language="en").body
    assert body == "Humanitarian peacekeeping cooperation landmines healthcare baobab"


@pytest.mark.django_db
def test_results_of_equal_rank_are_in_alphabetical_order_ignoring_accents_and_case(client):
    for index, title in enumerate(["Zones arides", "Éducation", "avenir", "Œuvres", "Eau"]):
        make_senegal(
            iso_code=f"{chr(65 + index)}X",
            slug_en=f"p{index}",
            slug_fr=f"p{index}",
            title_fr=title,
            intro_fr="<p>Baobab</p>",
        )
    assert titles(client.get("/fr/recherche/", {"q": "baobab"})) == [
        "avenir",
        "Eau",
        "Éducation",
        "Œuvres",
        "Zones arides",
    ]


@pytest.mark.django_db
def test_the_migration_fills_the_sort_title_of_existing_entries():
    import importlib

    from django.apps import apps

    make_senegal(title_fr="Éducation")
    SearchEntry.objects.update(sort_title="")
    migration = importlib.import_module("pages.migrations.0014_searchentry_sort_title")
    migration.fill_sort_titles(apps, None)
    assert SearchEntry.objects.get(language="fr").sort_title == "education"


# --- Highlighting -----------------------------------------------------------


@pytest.mark.django_db
def test_excerpt_highlights_matched_words(client):
    make_mali()
    html = client.get("/en/search/", {"q": "need"}).content.decode()
    excerpt = re.search(r'<p class="search-excerpt">(.*?)</p>', html, re.S).group(1)
    assert "<mark>need</mark>" in excerpt


@pytest.mark.django_db
def test_html_in_content_and_query_never_comes_out_unescaped(client):
    # Escaped in the rich text, so the sanitiser keeps it as text.
    make_mali()
    make_senegal(
        intro_en="<p>Fish &amp; chips &lt;3 &lt;scrip baobab "
        "&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    html = client.get("/en/search/", {"q": "<script>baobab</script>"}).content.decode()
    assert "<script" not in html
    # The content, escaped (ts_headline leaves out what looks like a tag).
    assert "Fish &amp; chips &lt;3 &lt;scrip <mark>baobab</mark>" in html
    assert "&lt;script&gt;baobab&lt;/script&gt;" in html  # the query, as typed
    assert "<mark>baobab</mark>" in html


def test_highlight_escapes_first_then_marks_accented_and_prefixed_words():
    text = 'Sécurité <b>& "humanitaires" </b>'
    marked = site_search.highlight(text, site_search.parse_query("securite humanit").include)
    assert marked == (
        "<mark>Sécurité</mark> &lt;b&gt;&amp; &quot;<mark>humanitaires</mark>&quot; &lt;/b&gt;"
    )


def test_plain_text_keeps_words_of_adjacent_blocks_apart():
    assert site_search.plain_text("<p>Unies.</p><p>Par</p><ul><li>a</li><li>b<br>c</li></ul>") == (
        "Unies. Par a b c"
    )


def test_headline_delimiters_become_marks_only_after_escaping():
    headline = f"a <i>{site_search.MARK_START}aide{site_search.MARK_STOP}</i>"
    marked = site_search.headline_html(headline, "a <i>aide</i>")
    assert marked == "a &lt;i&gt;<mark>aide</mark>&lt;/i&gt;"


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # The whole text, its final full stop left out: nothing is cut.
        ("One two three four Five six", "One two three four Five six"),
        ("three four", "… three four …"),
        ("One two", "One two …"),
        ("Five six", "… Five six"),
        # Two fragments: the text is cut between them, and here at both ends.
        ("two … Five", "… two … Five …"),
        ("One … six", "One … six"),
        ("", ""),
    ],
)
def test_headline_has_an_ellipsis_wherever_it_cuts_the_text(headline, expected):
    headline = headline.replace("four", f"{site_search.MARK_START}four{site_search.MARK_STOP}")
    expected = expected.replace("four", "<mark>four</mark>")
    assert site_search.headline_html(headline, "One two, three four. Five six.") == expected


def test_excerpt_is_a_window_around_the_first_hit():
    text = " ".join(["filler"] * 100) + " target " + " ".join(["after"] * 100)
    excerpt = site_search.excerpt(text, ["target"])
    assert excerpt.startswith("… ")
    assert excerpt.endswith(" …")
    assert "<mark>target</mark>" in excerpt
    assert len(excerpt) < site_search.EXCERPT_CHARS + 40


# --- Bad input ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/search/", "/fr/recherche/"])
@pytest.mark.parametrize("query", [None, "", "   ", "!!!", "&& || ()", '""', "-"])
def test_empty_query_asks_for_words(client, path, query):
    make_mali()
    params = {} if query is None else {"q": query}
    response = client.get(path, params)
    assert response.status_code == 200
    html = response.content.decode()
    expected = (
        "Enter one or more words to search for"
        if path.startswith("/en/")
        else "Entrez un ou plusieurs mots à rechercher"
    )
    assert expected in html
    assert titles(response) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '"humanitarian assistance',
        "humanitarian OR zzyzx",
        "humanitarian -zzyzx",
        "humanitarian & | ! : * ( ) < > <-> \\",
        "humanitarian%_",
        "<b>humanitarian</b>",
        "\x00humanitarian\x01\x1f\x7f",
        "humanitarian \ue000\ue001",
        "humanitarian 🇲🇱",
    ],
)
def test_operators_quotes_sql_html_and_control_characters_are_searched_safely(client, query):
    make_mali()
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert titles(response) == ["Canada&#x27;s engagement in Mali"]
    assert CountryPage.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE pages_countrypage; --",
        "' OR '1'='1",
        "1; SELECT pg_sleep(10)",
        "mali') UNION SELECT password FROM auth_user --",
        "<img src=x onerror=alert(1)>",
        "\x00\\0 %00",
        "',)(*&^%$#@!~`{}[]|\\:;\"<>?/",
    ],
)
def test_sql_and_html_looking_queries_are_plain_text(client, query):
    make_mali()
    for path in ("/en/search/", "/fr/recherche/"):
        response = client.get(path, {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<img" not in html
        assert "onerror=alert" not in html or "&lt;img" in html
    assert CountryPage.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query_string",
    ["q=%FF%FE%00humanitarian", "q=humanitarian&q=%C0", "q=%", "q=%%%25%2", "page=2"],
)
def test_broken_encodings_and_repeated_parameters_give_a_page(client, query_string):
    make_mali()
    response = client.get(f"/en/search/?{query_string}")
    assert response.status_code == 200
    assert "<script" not in response.content.decode()


@pytest.mark.django_db
def test_a_quoted_phrase_and_an_excluded_word_are_honoured(client):
    make_mali()
    assert titles(client.get("/en/search/", {"q": '"assistance humanitarian"'})) == []
    assert titles(client.get("/en/search/", {"q": "humanitarian -mali"})) == []


@pytest.mark.django_db
def test_a_very_long_query_is_cut_with_a_notice(client):
    make_mali()
    response = client.get("/en/search/", {"q": "humanitarian " + "x" * 1000})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your search was too long: only its first 200 characters were used." in html
    value = re.search(r'id="search-page-q" name="q" value="([^"]*)"', html).group(1)
    assert len(value) == 200
    french = client.get("/fr/recherche/", {"q": "aide " * 300}).content.decode()
    assert "Votre recherche était trop longue" in french


def test_words_beyond_the_cap_are_kept_as_typed_to_be_named():
    words = [f"w{index}" for index in range(site_search.MAX_TERMS - 1)]
    parsed = site_search.parse_query(" ".join(words) + ' -zz "a phrase" l\'aide -Xy and .')
    assert len(parsed.include) + len(parsed.exclude) == site_search.MAX_TERMS
    assert parsed.skipped == ['"a phrase"', "l'aide", "-Xy"]


@pytest.mark.django_db
def test_words_beyond_the_cap_are_named_in_a_notice_not_silently_dropped(client):
    make_mali()
    query = "Mali " * site_search.MAX_TERMS + "xyzzy plugh"
    english = client.get("/en/search/", {"q": query}).content.decode()
    french = client.get("/fr/recherche/", {"q": query}).content.decode()
    if ON_POSTGRES:
        # websearch_to_tsquery takes every word: nothing was left out.
        assert "0 results for" in english
        assert "too many words" not in english
    else:
        assert "1 result for" in english
        assert (
            "Your search had too many words: only the first 12 were used. "
            "Not searched: “xyzzy plugh”."
        ) in english
        assert "Mots non recherchés\u00a0: «\u00a0xyzzy plugh\u00a0»." in french


@pytest.mark.django_db
def test_paragraphs_that_repeat_the_query_may_break_a_long_word(client):
    # 60 letters or a pasted URL would widen a 320 px page: every paragraph
    # that shows the query is styled to wrap anywhere.
    from django.contrib.staticfiles import finders

    with open(finders.find("pages/search.css"), encoding="utf-8") as stylesheet:
        css = re.sub(r"/\*.*?\*/", "", stylesheet.read(), flags=re.S)
    wrapping = set()
    for selectors, declarations in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"overflow-wrap:\s*anywhere", declarations):
            wrapping |= {selector.strip() for selector in selectors.split(",")}
    make_mali()
    long_word = "a" * 60
    html = client.get("/en/search/", {"q": "mali " * 12 + long_word}).content.decode()
    paragraphs = re.findall(rf'<p class="([^"]*)"[^>]*>[^<]*{long_word}', html)
    assert len(paragraphs) == (1 if ON_POSTGRES else 2)  # the count, and the words left out
    for classes in paragraphs:
        assert {f".{name}" for name in classes.split()} & wrapping, classes


def baobab_pages(count: int, french: bool = False) -> None:
    """`count` published pages that all match "baobab" (in French too if asked), titled in order."""
    for index in range(count):
        make_senegal(
            iso_code=f"{chr(65 + index)}X",
            slug_en=f"p{index:02}",
            slug_fr=f"p{index:02}",
            title_en=f"Baobab {index:02}",
            intro_en="<p>Baobab</p>",
            **({"intro_fr": "<p>Baobab</p>"} if french else {}),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "shown"),
    [("abc", 1), ("0", 3), ("-1", 3), ("999", 3), ("1e9", 1), ("9" * 40, 3), ("", 1), ("2", 2)],
)
def test_bad_page_numbers_show_the_first_or_last_page(client, page, shown):
    baobab_pages(25)
    response = client.get("/en/search/", {"q": "baobab", "page": page})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'aria-current="page"><span class="visually-hidden">Page </span>{shown}</a>' in html


@pytest.mark.django_db
def test_results_are_paginated_ten_per_page_with_an_accessible_nav(client):
    baobab_pages(25)
    first = client.get("/en/search/", {"q": "baobab"})
    assert titles(first) == [f"Baobab {index:02}" for index in range(10)]
    html = first.content.decode()
    assert "25 results" in html
    assert '<nav class="pagination" aria-label="Search results pages">' in html
    assert 'href="/en/search/?q=baobab&amp;page=2" rel="next"' in html
    last = client.get("/en/search/", {"q": "baobab", "page": 3})
    assert titles(last) == [f"Baobab {index:02}" for index in range(20, 25)]
    assert '<ol class="search-results" start="21">' in last.content.decode()
    french = client.get("/fr/recherche/", {"q": "baobab"}).content.decode()
    assert "Pages de résultats de recherche" not in french  # no French text: no results
    assert titles(client.get("/fr/recherche/", {"q": "baobab"})) == []


@pytest.mark.django_db
def test_each_results_page_has_a_title_of_its_own(client):
    baobab_pages(15, french=True)

    def title(path: str, **params) -> str:
        html = client.get(path, {"q": "baobab", **params}).content.decode()
        return re.search(r"<title>(.*?)</title>", html).group(1)

    assert title("/en/search/") == "Search results for “baobab” - Canada.ca"
    assert title("/en/search/", page=2) == "Search results for “baobab” – page 2 - Canada.ca"
    assert title("/fr/recherche/", page=2) == (
        "Résultats de recherche pour «\u00a0baobab\u00a0» – page 2 - Canada.ca"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query", "heading", "title"),
    [
        ("/en/search/", None, "Search", "Search"),
        ("/en/search/", "!!!", "Search", "Search"),
        ("/fr/recherche/", None, "Recherche", "Recherche"),
        ("/en/search/", "baobab", "Search results", "Search results for “baobab”"),
        ("/fr/recherche/", "baobab", "Résultats de recherche", "Résultats de recherche pour"),
    ],
)
def test_the_heading_says_search_until_something_is_searched(client, path, query, heading, title):
    params = {} if query is None else {"q": query}
    html = client.get(path, params).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert re.search(r"<title>(.*?)</title>", html).group(1).startswith(title)


@pytest.mark.django_db
def test_pagination_links_are_named_in_the_visitors_language(client):
    baobab_pages(25, french=True)
    french = client.get("/fr/recherche/", {"q": "baobab", "page": 2}).content.decode()
    # The accessible name holds the visible word, in French word order.
    assert 'rel="prev" aria-label="Page précédente">Précédente</a>' in french
    assert 'rel="next" aria-label="Page suivante">Suivante</a>' in french
    english = client.get("/en/search/", {"q": "baobab", "page": 2}).content.decode()
    assert 'rel="prev" aria-label="Previous page">Previous</a>' in english
    assert 'rel="next" aria-label="Next page">Next</a>' in english


# --- The query budget ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("hits", [1, 30])
def test_results_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, hits):
    for index in range(hits):
        page = make_senegal(
            iso_code=f"{chr(65 + index // 26)}{chr(65 + index % 26)}",
            slug_en=f"p{index:02}",
            slug_fr=f"p{index:02}",
            title_en=f"Baobab {index:02}",
            intro_en="<p>Baobab</p>",
        )
        make_section(page, body_en="<p>Baobab again</p>")
        make_item(page, PageItem.Kind.VIDEO, transcript_en="Baobab")
    make_program_area(description_en="Baobab")
    # One COUNT and one page of results, whatever the number of hits.
    with django_assert_num_queries(2):
        response = client.get("/en/search/", {"q": "baobab"})
    assert len(titles(response)) == min(hits + 1, 10)


@pytest.mark.django_db
def test_no_results_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    make_mali()
    # This language's COUNT, then the other language's.
    with django_assert_num_queries(2):
        client.get("/fr/recherche/", {"q": "humanitarian"})
    with django_assert_num_queries(0):
        client.get("/fr/recherche/", {"q": ""})


# --- Keeping the index up to date ---------------------------------------------


@pytest.mark.django_db
def test_the_index_follows_edits_and_deletions(client):
    page = make_mali()
    section = page.sections.get()
    section.body_en = "<p>Mangroves</p>"
    section.save()
    assert titles(client.get("/en/search/", {"q": "mangroves"})) != []
    assert titles(client.get("/en/search/", {"q": "need"})) == []
    section.delete()
    assert titles(client.get("/en/search/", {"q": "mangroves"})) == []
    video = make_item(page, PageItem.Kind.VIDEO, transcript_en="Camels")
    assert titles(client.get("/en/search/", {"q": "camels"})) != []
    video.delete()
    assert titles(client.get("/en/search/", {"q": "camels"})) == []
    page.delete()
    assert SearchEntry.objects.count() == 0


@pytest.mark.django_db
def test_proxy_item_saves_reindex_the_page(client):
    from pages.models import Video

    page = make_mali()
    Video.objects.create(page=page, text_en="Desert schools", transcript_en="")
    assert titles(client.get("/en/search/", {"q": "desert"})) == [
        "Canada&#x27;s engagement in Mali"
    ]


@pytest.mark.django_db
def test_program_area_renames_are_indexed(client):
    area = make_program_area()
    area.name_en = "Emergency relief"
    area.save()
    assert titles(client.get("/en/search/", {"q": "relief"})) == ["Emergency relief"]
    area.delete()
    assert SearchEntry.objects.count() == 0


@pytest.mark.django_db
def test_a_page_without_french_has_no_french_entry():
    make_senegal(title_fr="", available_in=CountryPage.Availability.EN)
    assert list(SearchEntry.objects.values_list("language", flat=True)) == ["en"]


@pytest.mark.django_db
def test_deferred_indexing_indexes_each_page_once(django_assert_max_num_queries):
    page = make_mali()
    with CaptureQueriesContext(connection) as queries, site_search.deferred_indexing():
        for index in range(20):
            make_section(page, body_en=f"<p>Zebu {index}</p>")
    # Re-indexing reads the page's sections: once for the batch, not once per save.
    reads = [q for q in queries if q["sql"].startswith("SELECT") and '"pages_section"' in q["sql"]]
    assert len(reads) == 1
    assert SearchEntry.objects.get(page=page, language="en").body.count("Zebu") == 20


@pytest.mark.django_db
def test_rebuild_search_index_command_restores_a_lost_index(client):
    from io import StringIO

    make_mali()
    make_program_area()
    SearchEntry.objects.all().delete()
    assert titles(client.get("/en/search/", {"q": "humanitarian"})) == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed 1 country page and 1 program area" in out.getvalue()
    assert titles(client.get("/en/search/", {"q": "humanitarian"})) == [
        "Humanitarian assistance",
        "Canada&#x27;s engagement in Mali",
    ]


# --- PostgreSQL full-text search ----------------------------------------------


def test_the_vector_field_of_our_own_matches_a_query_with_the_full_text_operator():
    # pages.fields.SearchVectorField stands in for django.contrib.postgres's
    # (kept out of SQLite processes): `search_vector=query` must still mean @@.
    from django.contrib.postgres.search import SearchQuery

    query = SearchQuery("mali", search_type="websearch", config="english_unaccent")
    sql = str(SearchEntry.objects.filter(search_vector=query).query)
    assert '"pages_searchentry"."search_vector" @@ (websearch_to_tsquery(' in sql


@pytest.mark.django_db
@pytest.mark.usefixtures("client")
class TestPostgresFullText:
    pytestmark = postgres_only

    def test_french_stemming_finds_other_forms_of_a_word(self, client):
        make_mali()
        for query in ("humanitaires", "aides", "personne", "fournir"):
            assert titles(client.get("/fr/recherche/", {"q": query})) == [
                "L&#x27;engagement du Canada au Mali"
            ], query

    def test_english_stemming_finds_other_forms_of_a_word(self, client):
        make_mali()
        for query in ("supporting", "needs", "provided", "developments"):
            assert titles(client.get("/en/search/", {"q": query})) == [
                "Canada&#x27;s engagement in Mali"
            ], query

    def test_accents_are_folded_in_both_languages(self, client):
        make_mali()
        make_senegal(intro_en="<p>A café in Thiès.</p>", intro_fr="<p>Un café à Thiès.</p>")
        assert titles(client.get("/fr/recherche/", {"q": "securite developpement"})) == [
            "L&#x27;engagement du Canada au Mali"
        ]
        assert titles(client.get("/fr/recherche/", {"q": "SÉCURITÉS"})) == [
            "L&#x27;engagement du Canada au Mali"
        ]
        assert titles(client.get("/en/search/", {"q": "cafe thies"})) == [
            "Canada&#x27;s engagement in Senegal"
        ]

    def test_a_heading_hit_ranks_above_a_body_hit(self, client):
        body_hit = make_country(
            iso_code="AA", slug_en="a", slug_fr="a", title_en="Aardvark", intro_en="<p>Mangrove</p>"
        )
        make_section(body_hit, heading_en="Other", body_en="<p>Mangroves and mangrove.</p>")
        heading_hit = make_country(iso_code="ZZ", slug_en="z", slug_fr="z", title_en="Zebra")
        make_section(heading_hit, heading_en="Mangroves", body_en="<p>Coast.</p>")
        assert titles(client.get("/en/search/", {"q": "mangrove"})) == ["Zebra", "Aardvark"]

    def test_headline_marks_the_stemmed_match(self, client):
        make_mali()
        html = client.get("/fr/recherche/", {"q": "humanitaires"}).content.decode()
        assert "<mark>humanitaire</mark>" in html

    def test_headline_has_an_ellipsis_where_it_cuts_the_text(self, client):
        filler = " ".join(["Filler"] * 100)
        make_country(intro_en=f"<p>{filler} target {filler}</p>")
        make_senegal(intro_en="<p>A short marker text.</p>")

        def excerpt(query: str) -> str:
            html = client.get("/en/search/", {"q": query}).content.decode()
            return re.search(r'<p class="search-excerpt">(.*?)</p>', html, re.S).group(1)

        cut = excerpt("target")
        assert cut.startswith("… Filler ")
        assert cut.endswith(" Filler …")
        assert "<mark>target</mark>" in cut
        # Whole (ts_headline leaves out the full stop), its short first word included.
        assert excerpt("marker") == "A short <mark>marker</mark> text"

    def test_the_vector_is_stored_weighted_and_queried_through_the_gin_index(self):
        make_mali()
        entry = SearchEntry.objects.get(language="en")
        vector = str(SearchEntry.objects.values_list("search_vector", flat=True).get(pk=entry.pk))
        assert "'mali':" in vector and "A" in vector
        queryset = site_search.search("humanitarian", "en")
        sql = str(queryset.query)
        assert '"pages_searchentry"."search_vector" @@' in sql
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM pages_searchentry "
                "WHERE search_vector @@ websearch_to_tsquery('english_unaccent', 'mali')"
            )
            plan = " ".join(row[0] for row in cursor.fetchall())
        assert "pages_searchentry_vector_gin" in plan


# --- The demo content -----------------------------------------------------------


class DemoContentSearchTests(TestCase):
    """`load_demo_content` indexes itself through the save signals; searched as a visitor would."""

    @classmethod
    def setUpClass(cls) -> None:
        media_root = tempfile.mkdtemp(prefix="search-demo-media-")
        cls.addClassCleanup(shutil.rmtree, media_root, ignore_errors=True)
        media_override = override_settings(MEDIA_ROOT=media_root)
        media_override.enable()
        cls.addClassCleanup(media_override.disable)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo_content", "--no-superuser", stdout=io.StringIO())

    def search(self, path: str, query: str) -> list[str]:
        response = self.client.get(path, {"q": query})
        self.assertEqual(response.status_code, 200)
        return [html.unescape(title) for title in titles(response)]

    def test_humanitarian_finds_mali_and_the_program_area(self):
        found = self.search("/en/search/", "humanitarian")
        self.assertIn("Canada's engagement in Mali", found)
        self.assertIn("Humanitarian assistance", found)

    def test_french_accent_free_query_finds_mali(self):
        found = self.search("/fr/recherche/", "securite")
        self.assertIn("L'engagement du Canada au Mali", found)

    def test_french_phrase_finds_mali(self):
        found = self.search("/fr/recherche/", '"maintien de la paix"')
        self.assertIn("L'engagement du Canada au Mali", found)

    def test_english_only_ghana_is_found_in_english_only(self):
        self.assertIn("Canada's engagement in Ghana", self.search("/en/search/", "ghana"))
        self.assertEqual(self.search("/fr/recherche/", "ghana"), [])
        html_fr = self.client.get("/fr/recherche/", {"q": "ghana"}).content.decode()
        self.assertIn("résultat en anglais", html_fr)

    def test_every_demo_page_and_area_has_an_entry_per_language_it_has(self):
        self.assertEqual(
            SearchEntry.objects.filter(page__isnull=False, language="en").count(),
            CountryPage.objects.count(),
        )
        self.assertEqual(
            SearchEntry.objects.filter(page__isnull=False, language="fr").count(),
            CountryPage.objects.exclude(title_fr="").count(),
        )


@pytest.mark.django_db
def test_results_pages_are_kept_out_of_search_engines(client):
    make_country()
    results = client.get("/en/search/?q=Mali").content.decode()
    assert '<meta name="robots" content="noindex">' in results
    assert 'rel="canonical"' not in results
    empty = client.get("/en/search/").content.decode()
    assert 'name="robots"' not in empty
    assert '<link rel="canonical" href="http://testserver/en/search/">' in empty
