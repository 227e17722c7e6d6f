"""The skeleton answers in both languages."""

import pytest

from tests.factories import make_country, make_section


@pytest.mark.django_db
def test_english_and_french_urls_use_translated_paths(client):
    page = make_country()
    assert page.get_absolute_url("en") == "/en/countries/mali/"
    assert page.get_absolute_url("fr") == "/fr/pays/mali/"
    assert client.get("/fr/pays/mali/").status_code == 200


@pytest.mark.django_db
def test_country_page_query_count_does_not_grow_with_sections(client, django_assert_num_queries):
    page = make_country()
    make_section(page)
    with django_assert_num_queries(4):
        client.get("/en/countries/mali/")
    for _ in range(29):
        make_section(page)
    with django_assert_num_queries(4):
        client.get("/en/countries/mali/")
