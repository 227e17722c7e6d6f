"""/sitemap.xml lists every published page with hreflang alternates; robots.txt points to it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from pages.models import CountryPage
from tests.factories import make_country, make_program_area

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} from /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        location = url.find("sm:loc", NS).text
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    return entries


def test_sitemap_lists_country_pages_in_both_languages_with_alternates(client):
    make_country()
    entries = sitemap_entries(client)
    alternates = {
        "en": "http://testserver/en/countries/mali/",
        "fr": "http://testserver/fr/pays/mali/",
    }
    assert entries["http://testserver/en/countries/mali/"] == alternates
    assert entries["http://testserver/fr/pays/mali/"] == alternates


def test_sitemap_lists_homes_with_the_language_page_as_x_default(client):
    entries = sitemap_entries(client)
    expected = {
        "en": "http://testserver/en/",
        "fr": "http://testserver/fr/",
        "x-default": "http://testserver/",
    }
    assert entries["http://testserver/en/"] == expected
    assert entries["http://testserver/fr/"] == expected


def test_sitemap_lists_the_open_data_page_in_both_languages(client):
    entries = sitemap_entries(client)
    expected = {
        "en": "http://testserver/en/open-data/",
        "fr": "http://testserver/fr/donnees-ouvertes/",
    }
    assert entries["http://testserver/en/open-data/"] == expected
    assert entries["http://testserver/fr/donnees-ouvertes/"] == expected
    assert not any("search" in location or "recherche" in location for location in entries)


def test_sitemap_lists_program_areas_with_translated_slugs(client):
    make_program_area()
    entries = sitemap_entries(client)
    assert entries["http://testserver/fr/domaines-de-programme/aide-humanitaire/"] == {
        "en": "http://testserver/en/program-areas/humanitarian-assistance/",
        "fr": "http://testserver/fr/domaines-de-programme/aide-humanitaire/",
    }


def test_sitemap_lists_a_one_language_page_only_in_that_language(client):
    make_country(slug_fr="", available_in=CountryPage.Availability.EN)
    entries = sitemap_entries(client)
    assert entries["http://testserver/en/countries/mali/"] == {
        "en": "http://testserver/en/countries/mali/"
    }
    assert not any("/fr/pays/" in location for location in entries)


def test_sitemap_leaves_out_drafts_and_future_pages(client):
    make_country(status=CountryPage.Status.DRAFT)
    make_country(
        iso_code="TD",
        slug_en="chad",
        slug_fr="tchad",
        publish_at=timezone.now() + datetime.timedelta(days=2),
    )
    entries = sitemap_entries(client)
    assert not any("/countries/" in location or "/pays/" in location for location in entries)


def test_sitemap_gives_the_editor_controlled_date_modified(client):
    make_country(date_modified=datetime.date(2026, 11, 28))
    assert b"<lastmod>2026-11-28</lastmod>" in client.get("/sitemap.xml").content


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
