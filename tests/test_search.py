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
    assert site_search.headline_html(headline) == "a &lt;i&gt;<mark>aide</mark>&lt;/i&gt;"


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "shown"),
    [("abc", 1), ("0", 3), ("-1", 3), ("999", 3), ("1e9", 1), ("9" * 40, 3), ("", 1), ("2", 2)],
)
def test_bad_page_numbers_show_the_first_or_last_page(client, page, shown):
    for index in range(25):
        make_senegal(
            iso_code=f"{chr(65 + index)}X",
            slug_en=f"p{index:02}",
            slug_fr=f"p{index:02}",
            title_en=f"Baobab {index:02}",
            intro_en="<p>Baobab</p>",
        )
    response = client.get("/en/search/", {"q": "baobab", "page": page})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'aria-current="page"><span class="visually-hidden">Page </span>{shown}</a>' in html


@pytest.mark.django_db
def test_results_are_paginated_ten_per_page_with_an_accessible_nav(client):
    for index in range(25):
        make_senegal(
            iso_code=f"{chr(65 + index)}X",
            slug_en=f"p{index:02}",
            slug_fr=f"p{index:02}",
            title_en=f"Baobab {index:02}",
            intro_en="<p>Baobab</p>",
        )
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
def test_pagination_links_are_named_in_the_visitors_language(client):
    for index in range(25):
        make_senegal(
            iso_code=f"{chr(65 + index)}X",
            slug_en=f"p{index:02}",
            slug_fr=f"p{index:02}",
            intro_en="<p>Baobab</p>",
            intro_fr="<p>Baobab</p>",
        )
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
