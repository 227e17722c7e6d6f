"""Every public page type, in both languages: axe-core (WCAG 2.1 A/AA) and the Nu Html Checker."""

import pytest

from tests.browser.tools import axe_violations, describe_violations, validate_html

pytestmark = [pytest.mark.browser]

# Every public page type, in English and French.
PAGE_TYPES = {
    "language selection": ["/"],
    "home": ["/en/", "/fr/"],
    "country": ["/en/countries/mali/", "/fr/pays/mali/"],
    "country, English only": ["/en/countries/ghana/"],
    "one-language notice": ["/fr/pays/ghana/"],
    "program area": [
        "/en/program-areas/humanitarian-assistance/",
        "/fr/domaines-de-programme/aide-humanitaire/",
    ],
    "search results": ["/en/search/?q=humanitarian", "/fr/recherche/?q=humanitaire"],
    "search, no results": ["/en/search/?q=zzzzqqq", "/fr/recherche/?q=zzzzqqq"],
    "open data": ["/en/open-data/", "/fr/donnees-ouvertes/"],
    "not found": ["/en/countries/atlantis/", "/fr/pays/atlantide/"],
}
REPORT_STATES = {"en": "/en/countries/mali/", "fr": "/fr/pays/mali/"}


def crawl(page, live_server):
    """Yield (name, response HTML) for every page type, leaving the browser on each page."""
    for page_type, paths in PAGE_TYPES.items():
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None
            expected = 404 if page_type == "not found" else 200
            assert response.status == expected, f"{path} answered {response.status}"
            yield f"{page_type} {path}", response.text()
    for language, path in REPORT_STATES.items():
        # The report form's error state: nothing ticked.
        page.goto(live_server.url + path)
        with page.expect_navigation() as navigation:
            page.locator("form.report-form button[type=submit]").click()
        yield f"report error state ({language})", navigation.value.text()
        # The thank-you state.
        page.goto(live_server.url + path)
        page.locator("form.report-form input[type=checkbox]").first.check()
        with page.expect_navigation() as navigation:
            page.locator("form.report-form button[type=submit]").click()
        yield f"report thank-you ({language})", navigation.value.text()


def test_every_public_page_has_no_wcag_violations(page, live_server, demo, capsys):
    failures = {}
    checked = 0
    for name, _html in crawl(page, live_server):
        checked += 1
        violations = axe_violations(page)
        if violations:
            failures[name] = describe_violations(violations)
    with capsys.disabled():
        print(f"\naxe-core: {checked} pages and states checked, {len(failures)} with violations")
    assert not failures, "\n".join(f"{name}:\n{report}" for name, report in failures.items())


def test_every_public_page_is_valid_html(page, live_server, demo, capsys):
    documents = dict(crawl(page, live_server))
    errors = validate_html(documents)
    with capsys.disabled():
        print(
            f"\nNu Html Checker: {len(documents)} pages and states checked, "
            f"{len(errors)} with errors"
        )
    assert not errors, "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in errors.items()
    )


def test_admin_country_change_form_accessibility_is_reported(page, live_server, demo, capsys):
    """Django's own admin markup is not ours to fix; list what axe finds so it can be tracked."""
    from django.contrib.auth import get_user_model

    from pages.models import CountryPage

    get_user_model().objects.create_superuser("axe", "axe@example.invalid", "a-long-test-pass-1")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "axe")
    page.fill("#id_password", "a-long-test-pass-1")
    page.locator("input[type=submit]").click()
    mali = CountryPage.objects.get(iso_code="ML")
    page.goto(live_server.url + f"/admin/pages/countrypage/{mali.pk}/change/")
    assert page.locator("#id_title_fr").count() == 1
    violations = axe_violations(page)
    with capsys.disabled():
        print(
            "\naxe-core on the admin change form of a country page: "
            f"{len(violations)} rule(s) violated"
        )
        if violations:
            print(describe_violations(violations))
