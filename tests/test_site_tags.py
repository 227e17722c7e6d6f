"""The tags of every public page's fixed parts (pages/templatetags/site.py, pages/reversing.py)."""

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils.translation import override

from pages.reversing import fixed_url


def test_fixed_url_is_the_reversed_url_of_the_active_language():
    for language in ("en", "fr"):
        with override(language):
            for name, args in (
                ("pages:search", ()),
                ("opendata-funding", ("csv",)),
                ("opendata-funding", ("json",)),
            ):
                assert fixed_url(name, *args) == reverse(name, args=args)
        assert fixed_url("opendata-funding", "csv") != fixed_url("opendata-funding", "json")
    with override("fr"):
        assert fixed_url("pages:search") == "/fr/recherche/"
    with override("en"):
        assert fixed_url("pages:search") == "/en/search/"


def test_fixed_url_follows_the_script_prefix():
    # Behind a proxy that mounts the site under /engagement/, links keep the prefix.
    with override("en"):
        fixed_url("pages:home")
        set_script_prefix("/engagement/")
        try:
            assert fixed_url("pages:home") == "/engagement/en/"
        finally:
            clear_script_prefix()
        assert fixed_url("pages:home") == "/en/"


def render(context: dict) -> str:
    return Template("{% load site %}{% alternate_links %}").render(Context(context))


def test_alternate_links_name_each_language_the_canonical_and_x_default():
    request = RequestFactory().get("/fr/pays/mali/", secure=True)
    urls = {"en": "/en/countries/mali/", "fr": "/fr/pays/mali/"}
    with override("fr"):
        html = render({"request": request, "alternate_urls": urls})
        assert html == (
            '<link rel="alternate" hreflang="en" href="https://testserver/en/countries/mali/">\n'
            '<link rel="alternate" hreflang="fr" href="https://testserver/fr/pays/mali/">\n'
            '<link rel="canonical" href="https://testserver/fr/pays/mali/">\n'
            '<link rel="alternate" hreflang="x-default" href="https://testserver/">\n'
        )
        noindex = render({"request": request, "alternate_urls": urls, "noindex": True})
    assert "canonical" not in noindex and noindex.count("alternate") == 3


def test_alternate_links_nothing_without_alternates_and_escaped_paths():
    request = RequestFactory().get("/")
    assert render({"request": request}) == ""
    assert render({"request": request, "alternate_urls": {}}) == ""
    with override("en"):
        html = render({"request": request, "alternate_urls": {"en": '/en/"x"/'}})
    assert 'href="http://testserver/en/&quot;x&quot;/"' in html
