"""The "Report a problem on this page" form: wording, origin check, validation, privacy, limits."""

import html as html_lib
import re
import threading
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.http import QueryDict
from django.template import Context
from django.test import Client
from django.utils import translation

from pages.feedback import ReportForm, count_submission, rate_limit_key, redact
from pages.models import CountryPage, FeedbackReport
from pages.templatetags.feedback import report_form_state
from tests import servers
from tests.factories import make_country, make_program_area, make_senegal


@pytest.fixture(autouse=True)
def _back_to_english():
    # Requests to /fr/ (or with Accept-Language: fr) leave French active in
    # this thread; later tests elsewhere expect the default language.
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


ORIGIN = "http://testserver"
ENDPOINT = {"en": "/en/report-problem/", "fr": "/fr/signaler-probleme/"}
THANKS = {"en": "/en/report-problem/thanks/", "fr": "/fr/signaler-probleme/merci/"}
PAGE_PATH = {"en": "/en/countries/mali/", "fr": "/fr/pays/mali/"}

OPTIONS = {
    "en": [
        "A link, button or video is not working",
        "It has a spelling mistake",
        "Information is missing",
        "Information is outdated or wrong",
        "I can't find what I'm looking for",
        "Other issue not in this list",
    ],
    "fr": [
        "Un lien, un bouton ou une vidéo ne fonctionne pas",
        "Il y a une erreur d'orthographe ou de grammaire",
        "Les renseignements sont incomplets",
        "L'information n'est plus à jour ou est erronée",
        "Je n'arrive pas à trouver ce que je cherche",
        "Autre problème qui ne figure pas sur cette liste",
    ],
}
HEADING = {
    "en": "Report a problem on this page",
    "fr": "Signaler un problème ou une erreur sur cette page",
}
LEGEND = {
    "en": "Please select all that apply:",
    "fr": "Veuillez sélectionner toutes les cases qui s'appliquent\u00a0:",
}
NOTE = {
    "en": "You will not receive a reply. Don't include personal information "
    "(telephone, email, SIN, financial, medical, or work details).",
    "fr": "Vous ne recevrez pas de réponse. N'incluez pas de renseignements personnels "
    "(téléphone, courriel, NAS, renseignements financiers, médicaux ou professionnels).",
}
THANK_YOU = {"en": "Thank you for your help!", "fr": "Merci de votre aide!"}
NO_REPLY = {"en": "You will not receive a reply.", "fr": "Vous ne recevrez pas de réponse."}


class FormReader(HTMLParser):
    """Collects the report form's action and inputs, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.inputs: list[dict[str, str]] = []
        self.in_form = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and "report-form" in attributes.get("class", ""):
            self.in_form = True
            self.action = attributes["action"]
        elif self.in_form and tag in ("input", "textarea"):
            self.inputs.append({"tag": tag, **attributes})

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False


def text(response) -> str:
    """The body with entities decoded, so wording can be compared as written."""
    return html_lib.unescape(response.content.decode())


def read_form(html: str) -> FormReader:
    reader = FormReader()
    reader.feed(html)
    return reader


def report_data(country=None, language: str = "en", **overrides) -> dict:
    data = {
        "page": "" if country is None else str(country.pk),
        "path": PAGE_PATH[language],
        "problems": ["broken"],
        "details": "",
        "website": "",
    }
    data.update(overrides)
    return data


def post(client: Client, data: dict, language: str = "en", **headers):
    headers.setdefault("HTTP_ORIGIN", ORIGIN)
    return client.post(ENDPOINT[language], data, **headers)


# --- The form on every page ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_country_page_shows_the_report_form_with_canada_ca_wording(client, language):
    page = make_country()
    html = text(client.get(PAGE_PATH[language]))
    assert f'<h2 id="report-problem">{HEADING[language]}</h2>' in html
    assert f"<legend>{LEGEND[language]}</legend>" in html
    positions = [html.index(f">{option}</label>") for option in OPTIONS[language]]
    assert positions == sorted(positions)
    assert NOTE[language] in html
    form = read_form(html)
    assert form.action == ENDPOINT[language]
    boxes = [i for i in form.inputs if i.get("type") == "checkbox"]
    assert [b["value"] for b in boxes] == [
        "broken",
        "spelling",
        "missing_info",
        "outdated",
        "cant_find",
        "other",
    ]
    assert all(b["name"] == "problems" for b in boxes)
    hidden = {i["name"]: i["value"] for i in form.inputs if i.get("type") == "hidden"}
    assert hidden == {"page": str(page.pk), "path": PAGE_PATH[language]}
    (textarea,) = [i for i in form.inputs if i["tag"] == "textarea"]
    assert textarea["maxlength"] == "300"
    assert "report-details-note" in textarea["aria-describedby"]


@pytest.mark.django_db
def test_form_on_a_non_country_page_has_no_page_id(client):
    form = read_form(text(client.get("/fr/")))
    hidden = {i["name"]: i["value"] for i in form.inputs if i.get("type") == "hidden"}
    assert hidden == {"page": "", "path": "/fr/"}


@pytest.mark.django_db
def test_honeypot_is_hidden_from_people_and_keyboards(client):
    make_country()
    html = text(client.get("/en/countries/mali/"))
    (trap,) = [i for i in read_form(html).inputs if i.get("name") == "website"]
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"
    assert '<div class="report-hp" aria-hidden="true">' in html
    assert "Leave this field empty" in html
    css = (django_settings.BASE_DIR / "pages/static/pages/site.css").read_text()
    assert ".report-hp {" in css


@pytest.mark.django_db
def test_page_with_the_form_carries_no_token_cookie_or_vary_cookie(client):
    make_country()
    response = client.get("/en/countries/mali/")
    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


# --- Submitting ---------------------------------------------------------------


@pytest.mark.django_db
def test_first_time_visitor_can_submit_the_form_from_a_page_cached_for_someone_else(client):
    page = make_country()
    first = client.get("/en/countries/mali/")  # someone else's visit fills the page cache
    newcomer = Client(enforce_csrf_checks=True)  # no cookies at all, CSRF enforced as in production
    cached = newcomer.get("/en/countries/mali/")
    assert cached.wsgi_request.page_cache == "hit"
    assert cached.content == first.content
    form = read_form(text(cached))
    data = {i["name"]: i.get("value", "") for i in form.inputs if i.get("type") == "hidden"}
    data.update({"problems": ["spelling", "other"], "details": "Typo in the second heading"})

    response = newcomer.post(form.action, data, HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 303
    assert not response.cookies
    report = FeedbackReport.objects.get()
    assert report.page == page
    assert report.problems == ["spelling", "other"]


@pytest.mark.django_db
def test_report_records_page_path_language_problems_details_and_time(client):
    page = make_country()
    data = report_data(page, "fr", problems=["outdated", "cant_find"], details="Chiffres de 2019")
    response = post(client, data, "fr")
    assert response.status_code == 303
    report = FeedbackReport.objects.get()
    assert (report.page, report.path, report.language) == (page, "/fr/pays/mali/", "fr")
    assert report.problems == ["outdated", "cant_find"]
    assert report.details == "Chiffres de 2019"
    assert report.created_at is not None
    assert report.status == FeedbackReport.Status.NEW


@pytest.mark.django_db
def test_report_from_a_page_that_is_not_a_country_page_has_no_page(client):
    response = post(client, {"page": "", "path": "/en/", "problems": ["cant_find"]})
    assert response.status_code == 303
    assert FeedbackReport.objects.get().page is None


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_success_leads_to_a_thank_you_page_linking_back(client, language):
    page = make_country()
    response = post(client, report_data(page, language), language)
    assert response.status_code == 303
    assert response["Location"].startswith(THANKS[language] + "?")
    thanks = client.get(response["Location"])
    html = text(thanks)
    assert thanks.status_code == 200
    assert f"<h1>{THANK_YOU[language]}</h1>" in html
    assert NO_REPLY[language] in html
    assert f'<a href="{PAGE_PATH[language]}">' in html
    assert 'id="report-problem"' not in html  # no second form under the thank-you
    assert "personal-information-removed" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_path", "other_next"),
    [
        ("/en/countries/mali/", "/fr/pays/mali/"),
        (
            "/en/program-areas/humanitarian-assistance/",
            "/fr/domaines-de-programme/aide-humanitaire/",
        ),
        ("/en/", "/fr/"),
        ("/en/open-data/", "/fr/donnees-ouvertes/"),
        ("/en/countries/atlantis/", None),  # no such page: the toggle leads home
    ],
)
def test_thank_you_toggle_keeps_the_way_back_and_the_privacy_notice(client, next_path, other_next):
    make_country()
    make_program_area()
    query = urlencode({"next": next_path, "removed": "1"})
    html = text(client.get(f"{THANKS['en']}?{query}"))
    toggle = re.search(r'<nav class="lang-toggle"[^>]*>\s*<a href="([^"]+)"', html).group(1)
    target = urlsplit(html_lib.unescape(toggle))
    assert target.path == THANKS["fr"]
    expected = {"removed": ["1"]} | ({"next": [other_next]} if other_next else {})
    assert parse_qs(target.query) == expected

    french = text(client.get(html_lib.unescape(toggle)))
    assert 'id="personal-information-removed"' in french
    if other_next:
        assert f'<a href="{other_next}">Retourner à la page que vous lisiez</a>' in french


@pytest.mark.django_db
def test_thank_you_page_answers_head_and_refuses_post(client):
    assert client.head(THANKS["fr"]).status_code == 200
    assert client.post(THANKS["fr"], HTTP_ORIGIN=ORIGIN).status_code == 405


@pytest.mark.django_db
def test_thank_you_page_never_links_to_an_address_outside_the_site(client):
    for target in ("javascript:alert(1)", "https://evil.example/", "//evil.example/"):
        html = text(client.get(THANKS["en"], {"next": target}))
        assert target not in html
        assert '<a href="/en/">' in html


# --- Origin check instead of a CSRF token -----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "label"),
    [
        ({"HTTP_ORIGIN": "https://evil.example"}, "other origin"),
        ({"HTTP_ORIGIN": "null"}, "opaque origin"),
        ({"HTTP_ORIGIN": "http://testserver.evil.example"}, "look-alike host"),
        ({"HTTP_ORIGIN": "", "HTTP_REFERER": "https://evil.example/en/"}, "other referer"),
        ({"HTTP_ORIGIN": ""}, "neither origin nor referer"),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, "browser says cross-site"),
    ],
)
def test_cross_origin_post_is_refused_and_nothing_is_stored(client, headers, label):
    page = make_country()
    response = post(client, report_data(page), **headers)
    assert response.status_code == 403, label
    assert "was not sent from a page of this site" in text(response)
    assert not FeedbackReport.objects.exists()


@pytest.mark.django_db
def test_cross_origin_refusal_is_translated(client):
    response = post(client, report_data(None, "fr"), "fr", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "n'a pas été envoyé à partir d'une page de ce site" in text(response)


@pytest.mark.django_db
def test_same_origin_referer_is_enough_when_origin_is_absent(client):
    response = post(
        client, report_data(), HTTP_ORIGIN="", HTTP_REFERER="http://testserver/en/countries/mali/"
    )
    assert response.status_code == 303
    assert FeedbackReport.objects.count() == 1


@pytest.mark.django_db
def test_https_origin_of_an_allowed_host_is_accepted_behind_a_tls_proxy(client, settings):
    # The proxy speaks http to the app; the browser says https.
    settings.ALLOWED_HOSTS = ["engagement.example", "testserver"]
    response = post(
        client,
        report_data(),
        HTTP_HOST="engagement.example",
        HTTP_ORIGIN="https://engagement.example",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 303


@pytest.mark.django_db
def test_an_ipv6_origin_of_an_allowed_host_is_accepted(client, settings):
    settings.ALLOWED_HOSTS = ["[::1]", "testserver"]
    response = post(client, report_data(), HTTP_ORIGIN="https://[::1]:8443")
    assert response.status_code == 303


@pytest.mark.django_db
def test_a_wildcard_allowed_host_does_not_make_every_origin_trusted(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    response = post(client, report_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403


# --- Validation: a clear 4xx, nothing stored ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Select at least one problem."), ("fr", "Sélectionnez au moins un problème.")],
)
def test_ticking_nothing_shows_the_error_in_place_and_keeps_what_was_typed(
    client, language, message
):
    page = make_country()
    data = report_data(page, language, problems=[], details="Le lien vers la vidéo")
    response = post(client, data, language)
    html = text(response)
    assert response.status_code == 400
    # The title says what happened, as the heading does (WCAG 2.4.2).
    title = {"en": "Your report was not sent", "fr": "Votre signalement n'a pas été envoyé"}
    assert f"<title>{title[language]} - Canada.ca</title>" in html_lib.unescape(html)
    assert 'class="error-summary"' in html
    assert f'<a href="#report-problems">{message}</a>' in html
    assert 'id="report-problems" aria-describedby="report-problems-error"' in html
    assert f'<p class="error-message" id="report-problems-error">{message}</p>' in html
    assert ">\nLe lien vers la vidéo</textarea>" in html
    form = read_form(html)
    hidden = {i["name"]: i["value"] for i in form.inputs if i.get("type") == "hidden"}
    assert hidden == {"page": str(page.pk), "path": PAGE_PATH[language]}
    assert form.action == ENDPOINT[language]
    assert html.count('id="report-problem"') == 1
    assert not FeedbackReport.objects.exists()


@pytest.mark.django_db
def test_ticked_boxes_are_kept_when_the_form_comes_back(client):
    data = report_data(problems=["spelling", "other"], details="x" * 301)
    html = text(post(client, data))
    assert 'value="spelling" id="report-spelling" checked' in html
    assert 'value="other" id="report-other" checked' in html
    assert 'value="broken" id="report-broken">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Details can be at most 300 characters (you sent 301)."),
        ("fr", "Les détails peuvent compter au plus 300 caractères (vous en avez envoyé 301)."),
    ],
)
def test_details_over_300_characters_are_refused(client, language, message):
    response = post(client, report_data(None, language, details="é" * 301), language)
    assert response.status_code == 400
    html = text(response)
    assert f'<a href="#report-details">{message}</a>' in html
    (textarea,) = [i for i in read_form(html).inputs if i["tag"] == "textarea"]
    assert textarea["aria-invalid"] == "true"
    assert "report-details-error" in textarea["aria-describedby"]
    assert f'<p class="error-message" id="report-details-error">{message}</p>' in html
    assert not FeedbackReport.objects.exists()


@pytest.mark.django_db
def test_300_characters_with_line_breaks_are_accepted_as_the_browser_counted_them(client):
    # maxlength counts a line break as one character; the browser sends CRLF.
    details = ("a" * 49 + "\r\n") * 6
    response = post(client, report_data(details=details))
    assert response.status_code == 303
    assert len(FeedbackReport.objects.get().details) == 299  # trailing line break stripped


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"problems": ["broken", "hacked"]}, "One of the selected problems is not on the list."),
        ({"page": "abc"}, "The page this report is about does not exist."),
        ({"page": "-1"}, "The page this report is about does not exist."),
        ({"page": "1.5"}, "The page this report is about does not exist."),
        ({"page": "٣"}, "The page this report is about does not exist."),
        ({"path": "https://evil.example/"}, "not an address on this site"),
        ({"path": "//evil.example/en/"}, "not an address on this site"),
        ({"path": "javascript:alert(1)"}, "not an address on this site"),
        ({"path": "/admin/"}, "not an address on this site"),
        ({"path": "/en//evil.example"}, "not an address on this site"),
        ({"path": "/en/" + "a" * 497}, "Ensure this value has at most 500 characters"),
        ({"path": ""}, "The address of the page is missing."),
        ({"details": "bad\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_is_a_clear_400_and_nothing_is_stored(client, overrides, message):
    make_country()
    response = post(client, report_data(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert not FeedbackReport.objects.exists()


@pytest.mark.django_db
def test_a_tampered_path_is_not_sent_back_in_the_form(client):
    html = text(post(client, report_data(path="javascript:alert(1)")))
    assert "javascript:" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "put", "delete", "patch", "head"])
def test_the_endpoint_accepts_post_only(client, method):
    response = getattr(client, method)(ENDPOINT["en"], HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert not FeedbackReport.objects.exists()


@pytest.mark.django_db
def test_get_on_the_endpoint_says_what_to_do_in_french(client):
    response = client.get(ENDPOINT["fr"])
    assert response.status_code == 405
    assert "au bas d'une page" in text(response)


@pytest.mark.django_db
def test_an_oversized_body_is_refused_before_it_is_read(client):
    response = post(client, report_data(details="x" * 20_000))
    assert response.status_code == 413
    assert "too large" in text(response)
    assert not FeedbackReport.objects.exists()


@pytest.mark.django_db
def test_too_many_fields_is_a_400_not_a_500(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = post(client, {**report_data(), **{f"f{i}": "1" for i in range(20)}})
    assert response.status_code == 400
    assert "could not be read" in text(response)
    assert not FeedbackReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["latin-1", "utf8", "utf-16"])
def test_a_form_body_in_another_charset_is_a_translated_400(client, charset):
    body = "page=&path=%2Ffr%2Fpays%2Fmali%2F&problems=broken&details=&website="
    response = client.post(
        ENDPOINT["fr"],
        body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        HTTP_ORIGIN=ORIGIN,
    )
    assert response.status_code == 400
    assert "Ce signalement n'a pas pu être lu." in text(response)
    assert not FeedbackReport.objects.exists()


# --- Which page -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("page_id", ["999999", "99999999999999999999"])
def test_a_report_naming_no_page_visitors_can_see_is_kept_with_its_path(client, page_id):
    # Deleted since the visitor loaded the page, or a forged number: the
    # report is not refused (nor the visitor's text lost); its path says where.
    make_country()
    response = post(client, report_data(page=page_id, details="Broken link"))
    assert response.status_code == 303
    report = FeedbackReport.objects.get()
    assert (report.page, report.path, report.details) == (
        None,
        "/en/countries/mali/",
        "Broken link",
    )


@pytest.mark.django_db
def test_a_report_from_the_missing_translation_notice_keeps_its_page(client):
    # The French address of an English-only page shows a notice, with the form.
    page = make_country(slug_fr="", available_in=CountryPage.Availability.EN)
    form = read_form(text(client.get("/fr/pays/mali/")))
    sent = {field["name"]: field.get("value", "") for field in form.inputs if "name" in field}
    assert (sent["page"], sent["path"]) == (str(page.pk), "/fr/pays/mali/")
    assert post(client, report_data(page, "fr"), "fr").status_code == 303
    assert FeedbackReport.objects.get().page == page


@pytest.mark.django_db
def test_a_draft_pages_number_is_not_stored_nor_told_apart(client):
    draft = make_country(status=CountryPage.Status.DRAFT)
    unknown = post(client, report_data(page=str(draft.pk + 100)))
    response = post(client, report_data(draft))
    assert response.status_code == unknown.status_code == 303  # no oracle for drafts' numbers
    assert list(FeedbackReport.objects.values_list("page", flat=True)) == [None, None]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_page_number_that_does_not_match_the_address_is_dropped(client, language):
    mali = make_country()
    senegal = make_senegal()
    assert post(client, report_data(mali, language), language).status_code == 303
    # Mali's number with Senegal's address: the address is what the visitor saw.
    post(client, report_data(mali, language, path=senegal.get_absolute_url(language)), language)
    assert [r.page_id for r in FeedbackReport.objects.order_by("pk")] == [mali.pk, None]


# --- Honeypot -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("website", ["https://spam.example", "w" * 501, "w" * 5000])
def test_a_honeypot_filled_with_anything_looks_like_success(client, website):
    robot = post(client, report_data(website=website))
    assert robot.status_code == 303
    assert not FeedbackReport.objects.exists()


@pytest.mark.django_db
def test_a_filled_honeypot_looks_like_success_but_stores_nothing(client):
    robot = post(client, report_data(website="https://spam.example", details="Buy now"))
    assert not FeedbackReport.objects.exists()
    person = post(client, report_data(details="Buy now"))
    assert FeedbackReport.objects.count() == 1
    assert (robot.status_code, robot["Location"]) == (person.status_code, person["Location"])


# --- Privacy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jean.dupont@example.gc.ca", "write to [email removed]"),
        ("x+tag@sub.example.com.", "[email removed]."),
        ("call 613-555-1234", "call [phone removed]"),
        ("call (613) 555-1234", "call [phone removed]"),
        ("call +1 613 555 1234", "call [phone removed]"),
        ("call 1-800-622-6232", "call [phone removed]"),
        ("call 613.555.1234 ext. 22", "call [phone removed]"),
        ("call 6135551234 x 5", "call [phone removed]"),
        ("local 555-1234 only", "local [phone removed] only"),
        ("SIN 046 454 286", "SIN [SIN removed]"),
        ("SIN 046-454-286", "SIN [SIN removed]"),
        ("SIN 046454286", "SIN [SIN removed]"),
        ("Ottawa K1A 0B1", "Ottawa [postal code removed]"),
        ("Ottawa k1a0b1.", "Ottawa [postal code removed]."),
        ("Ottawa K1A-0B1", "Ottawa [postal code removed]"),
        # Dashes that word processors and phones type.
        ("call 613\u2013555\u20131234", "call [phone removed]"),
        ("call (613) 555\u20111234", "call [phone removed]"),
        ("local 555\u20131234 only", "local [phone removed] only"),
        # Numbers of other countries: Mali, Senegal, France, the UK.
        ("Bamako +223 76 12 34 56", "Bamako [phone removed]"),
        ("Dakar +221 77 123 45 67.", "Dakar [phone removed]."),
        ("Paris 0033 1 23 45 67 89", "Paris [phone removed]"),
        ("mobile 06 12 34 56 78", "mobile [phone removed]"),
        ("London +44 20 7946 0958", "London [phone removed]"),
    ],
)
def test_personal_information_is_redacted(text, expected):
    assert redact(text, "en") == (expected, True)


@pytest.mark.parametrize(
    "text",
    [
        "The 2018-2019 figure of $139.93 million is wrong",
        "le montant de 139 930 000 $ est erroné",
        "$1,600,000,000 since 2000",
        "see section 12 of 2019",
        "1234567 people",
        "ISO code ML",
        "depuis 2000, 1 600 000 000 $",
        "on 2019 12 03 at 14 30",
        "file 1234567890123",
        # Signed amounts and figures have a phone number's shape, not its length.
        "spending rose by +12.5 million",
        "Plus de +100 000 personnes",
        "Il y a +1 000 000 de bénéficiaires",
        "Référence +2 000 000 $ de plus",
        "a rise of +1 000 000 000 dollars",
        "une hausse de +25 %",
        "coordinates +12.3456, -7.9876",
    ],
)
def test_ordinary_numbers_and_words_are_left_alone(text):
    assert redact(text, "en") == (text, False)


def test_redaction_markers_are_in_the_language_of_the_report():
    text = "a@b.ca 613-555-1234 K1A 0B1 046 454 286"
    assert redact(text, "fr")[0] == (
        "[courriel retiré] [téléphone retiré] [code postal retiré] [NAS retiré]"
    )
    assert redact(text, "en")[0] == (
        "[email removed] [phone removed] [postal code removed] [SIN removed]"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "stored", "explanation"),
    [
        ("en", "Call me at [phone removed] or [email removed]", "To protect your privacy"),
        ("fr", "Call me at [téléphone retiré] or [courriel retiré]", "Pour protéger votre vie"),
    ],
)
def test_redaction_happens_before_saving_and_the_visitor_is_told_why(
    client, language, stored, explanation
):
    data = report_data(None, language, details="Call me at 613-555-1234 or me@example.com")
    response = post(client, data, language)
    assert FeedbackReport.objects.get().details == stored
    thanks = text(client.get(response["Location"]))
    assert 'id="personal-information-removed"' in thanks
    assert explanation in thanks


@pytest.mark.django_db
def test_nothing_identifying_the_sender_is_stored_or_logged(client, caplog):
    caplog.set_level("DEBUG")
    secret = "unique-detail-text-5316"
    response = post(
        client,
        report_data(details=secret),
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="Agent/7.7 unique-ua",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 303
    row = FeedbackReport.objects.values().get()
    stored = " ".join(str(value) for value in row.values())
    for trace in ("203.0.113.77", "198.51.100.9", "unique-ua", "Agent/7.7"):
        assert trace not in stored
    assert secret not in caplog.text
    assert "203.0.113.77" not in caplog.text


# --- Rate limit -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Too many reports were sent from your connection."),
        ("fr", "Trop de signalements ont été envoyés à partir de votre connexion."),
    ],
)
def test_the_sixth_report_in_ten_minutes_gets_429(client, language, message):
    statuses = [
        post(client, report_data(None, language), language, REMOTE_ADDR="192.0.2.1").status_code
        for _ in range(6)
    ]
    assert statuses == [303] * 5 + [429]
    last = post(
        client,
        report_data(None, language, details="The video is missing", problems=["broken"]),
        language,
        REMOTE_ADDR="192.0.2.1",
    )
    assert last.status_code == 429
    assert message in text(last)
    # The form again as it was sent: nothing to retype when trying later.
    html = text(last)
    assert "The video is missing</textarea>" in html
    assert 'value="broken" id="report-broken" checked>' in html
    assert 0 < int(last["Retry-After"]) <= 600
    assert FeedbackReport.objects.count() == 5
    # Another client is not affected.
    assert post(client, report_data(), REMOTE_ADDR="192.0.2.2").status_code == 303


@pytest.mark.django_db
def test_invalid_submissions_do_not_use_up_the_limit(client):
    for _ in range(6):
        assert post(client, report_data(problems=[])).status_code == 400
    assert post(client, report_data()).status_code == 303


@pytest.mark.django_db
def test_rate_limit_and_window_come_from_settings(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    statuses = [post(client, report_data()).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]


@pytest.mark.django_db
def test_reports_are_taken_and_still_limited_while_the_shared_cache_is_down(
    client, settings, caplog
):
    settings.CACHES = servers.DEAD_REDIS
    statuses = [post(client, report_data(), REMOTE_ADDR="192.0.2.9").status_code for _ in range(6)]
    # Stored, not lost; the limit now counted in this process.
    assert statuses == [303] * 5 + [429]
    assert FeedbackReport.objects.count() == 5
    failures = [r for r in caplog.records if "counting in this process" in r.getMessage()]
    assert len(failures) == 1  # tried once, then left alone for CACHE_RETRY_SECONDS
    assert post(client, report_data(), REMOTE_ADDR="192.0.2.10").status_code == 303


def test_rate_limit_key_is_a_keyed_hash_that_changes_with_the_window():
    key = rate_limit_key("192.0.2.1", 600, now=1_000_000)
    assert "192.0.2.1" not in key
    assert key == rate_limit_key("192.0.2.1", 600, now=1_000_000 + 1)
    assert key != rate_limit_key("192.0.2.1", 600, now=1_000_000 + 600)
    assert key != rate_limit_key("192.0.2.2", 600, now=1_000_000)


def _redis_available() -> bool:
    try:
        redis.Redis(host="127.0.0.1", port=6379, db=3, socket_connect_timeout=0.5).ping()
    except Exception:
        return False
    return True


@pytest.mark.skipif(not _redis_available(), reason="needs Redis on 127.0.0.1:6379")
def test_rate_limit_holds_across_app_servers_sharing_redis(settings):
    location = "redis://127.0.0.1:6379/3"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "feedback-test",
        }
    }
    # Two cache clients, as two gunicorn workers on two servers would have.
    server_a = RedisCache(location, {"KEY_PREFIX": "feedback-test"})
    server_b = RedisCache(location, {"KEY_PREFIX": "feedback-test"})
    client_ip = "192.0.2.50"
    key = rate_limit_key(client_ip, 600)
    server_a.delete(key)
    try:
        results = [
            count_submission(client_ip, server_a if i % 2 else server_b).allowed for i in range(6)
        ]
        assert results == [True] * 5 + [False]
        raw = redis.Redis(host="127.0.0.1", port=6379, db=3)
        assert 0 < raw.ttl(server_b.make_key(key)) <= 600  # it expires; nothing is kept for good
        raw_keys = [k.decode() for k in raw.keys("*feedback-rate*")]
        assert raw_keys and all(client_ip not in k for k in raw_keys)
    finally:
        server_a.delete(key)


@pytest.mark.django_db(transaction=True)
def test_a_report_about_a_page_deleted_meanwhile_is_kept_without_the_page():
    page = make_country()
    form = ReportForm(report_data(page, details="Broken video"))
    assert form.is_valid()
    page.delete()  # an editor deletes the page while the report is on its way
    report, _redacted = form.save("en")
    report.refresh_from_db()
    assert (report.page, report.path, report.details) == (
        None,
        "/en/countries/mali/",
        "Broken video",
    )


# --- Nothing lost -----------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.skipif(
    "postgresql" not in django_settings.DATABASES["default"]["ENGINE"],
    reason="concurrent writes need PostgreSQL; SQLite serialises them",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_each_become_exactly_one_report(settings):
    settings.FEEDBACK_RATE_LIMIT = 0  # one address for all threads here; the limit is tested above
    page = make_country()
    threads_count = 24
    start = threading.Barrier(threads_count)
    statuses: list[int] = []
    lock = threading.Lock()

    def submit(number: int) -> None:
        try:
            start.wait()
            response = post(Client(), report_data(page, details=f"report {number}"))
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [303] * threads_count
    details = sorted(FeedbackReport.objects.values_list("details", flat=True))
    assert details == sorted(f"report {n}" for n in range(threads_count))


def test_report_form_state_has_the_same_keys_with_and_without_errors(rf):
    """The template reads every key on every page: none may be missing (a costly failed lookup)."""
    request = rf.get("/en/countries/mali/")
    fresh = report_form_state(Context({"request": request}))
    form = ReportForm(QueryDict("page=x&path=/en/countries/mali/"))
    form.is_valid()
    shown_again = report_form_state(Context({"request": request, "feedback_form": form}))
    assert set(fresh) == set(shown_again)
    assert (fresh["problems_error"], fresh["details_error"], fresh["other_errors"]) == ("", "", [])
