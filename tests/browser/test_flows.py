"""End-to-end flows in a real Chromium: reading, switching language, reporting, editing."""

import re

import pytest
from django.contrib.auth import get_user_model

from pages.models import CountryPage, FeedbackReport

pytestmark = [pytest.mark.browser]


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def test_reader_goes_from_language_selection_to_mali_and_toggles_languages(page, live_server, demo):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="English", exact=True).click()
    assert page.url == live_server.url + "/en/"
    assert html_lang(page) == "en"

    page.get_by_role("link", name="Canada's engagement in Mali").first.click()
    assert page.url == live_server.url + "/en/countries/mali/"
    english_h1 = page.locator("h1").inner_text()
    assert "Mali" in english_h1

    page.locator(".lang-toggle a").click()
    assert page.url == live_server.url + "/fr/pays/mali/"
    assert html_lang(page) == "fr"
    french_h1 = page.locator("h1").inner_text()
    assert "Mali" in french_h1 and french_h1 != english_h1
    assert page.locator(".lang-toggle a").inner_text() == "English"

    page.locator(".lang-toggle a").click()
    assert page.url == live_server.url + "/en/countries/mali/"
    assert html_lang(page) == "en"
    assert page.locator("h1").inner_text() == english_h1


def submit_report(page, live_server, *, details: str) -> None:
    page.goto(live_server.url + "/en/countries/mali/")
    page.get_by_label("Information is outdated or wrong").check()
    page.get_by_label(re.compile("Details")).fill(details)
    page.locator("form.report-form button[type=submit]").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_visitor_reports_a_problem(browser, live_server, demo, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    submit_report(page, live_server, details=f"Figure for 2019 looks old (js {javascript})")
    assert page.get_by_text("Thank you for your help!").is_visible()
    assert page.get_by_text("You will not receive a reply.").first.is_visible()
    context.close()
    report = FeedbackReport.objects.get()
    assert report.outdated and not report.broken
    assert report.language == "en"
    assert report.page == CountryPage.objects.get(iso_code="ML")


def test_ticking_nothing_shows_the_error_and_stores_nothing(page, live_server, demo):
    page.goto(live_server.url + "/fr/pays/mali/")
    page.locator("form.report-form button[type=submit]").click()
    assert page.locator("#report-error-summary").is_visible()
    # The page comes back with the focus on what went wrong, not at its top.
    assert page.evaluate("document.activeElement.id") == "report-error-summary"
    assert (
        "Veuillez" in page.locator("#report-error-summary").inner_text()
        or page.locator("#report-problems-error").is_visible()
    )
    assert FeedbackReport.objects.count() == 0


def tab_to(page, tag: str, presses: int = 20) -> None:
    """Press Tab until an element of this tag has the focus; a bounded search, never a hang."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == tag:
            return
    raise AssertionError(f"no {tag} reached with {presses} presses of Tab")


def test_keyboard_only_visitor_reports_a_problem(page, live_server, demo):
    # The fragment moves the sequential focus starting point to the form's heading,
    # as following an in-page link would; from there on, only keys.
    page.goto(live_server.url + "/fr/pays/mali/#report-problem")
    focused = ""
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if (
            focused.startswith("report-")
            and page.evaluate("document.activeElement.type") == "checkbox"
        ):
            break
    assert focused.startswith("report-"), "the report checkboxes are reachable with Tab"
    page.keyboard.press("Space")
    tab_to(page, "TEXTAREA")
    page.keyboard.type("Il manque une vidéo")
    tab_to(page, "BUTTON")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Merci de votre aide!").is_visible()
    report = FeedbackReport.objects.get()
    assert report.language == "fr"
    assert report.details == "Il manque une vidéo"


def login(page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()


def make_superuser(name: str = "lead"):
    return get_user_model().objects.create_superuser(
        name, f"{name}@example.invalid", "a-long-test-pass-1"
    )


def test_triager_sees_the_report_in_the_admin(page, live_server, demo):
    submit_report(page, live_server, details="Broken chart")
    make_superuser()
    login(page, live_server, "lead", "a-long-test-pass-1")
    page.goto(live_server.url + "/admin/pages/feedbackreport/")
    row = page.locator("#result_list tbody tr").filter(has_text="Broken chart")
    assert row.count() == 1
    assert "Information is outdated or wrong" in row.inner_text()


def test_editor_changes_the_french_title_and_sees_it_at_once(page, live_server, demo):
    mali = CountryPage.objects.get(iso_code="ML")
    english_title = mali.title_en
    # Visitors have already been served (and cached) both pages.
    page.goto(live_server.url + "/fr/pays/mali/")
    page.goto(live_server.url + "/en/countries/mali/")

    make_superuser()
    login(page, live_server, "lead", "a-long-test-pass-1")
    page.goto(live_server.url + f"/admin/pages/countrypage/{mali.pk}/change/")
    page.fill("#id_title_fr", "L'engagement du Canada au Mali : nouveau titre")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0, page.locator(".errornote").inner_text()

    page.goto(live_server.url + "/fr/pays/mali/")
    assert page.locator("h1").inner_text() == "L'engagement du Canada au Mali : nouveau titre"
    page.goto(live_server.url + "/en/countries/mali/")
    assert page.locator("h1").inner_text() == english_title


def test_editor_uploading_a_bad_image_sees_the_form_error(page, live_server, demo, tmp_path):
    make_superuser()
    login(page, live_server, "lead", "a-long-test-pass-1")
    fake = tmp_path / "photo.jpg"
    fake.write_text("this is not a picture")
    page.goto(live_server.url + "/admin/pages/image/add/")
    page.set_input_files("#id_file", str(fake))
    page.fill("#id_title", "Not a photo")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").first.is_visible()
    assert page.url.endswith("/admin/pages/image/add/")


def test_chart_text_stays_readable_in_a_dark_high_contrast_theme(page, live_server, demo):
    # Windows contrast themes: the page turns black, and an SVG text's own
    # fill (#333) would all but vanish on it unless the stylesheet says otherwise.
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(f"{live_server.url}/en/countries/mali/")
    colours = page.eval_on_selector_all(
        "svg.chart text", "texts => texts.map(text => getComputedStyle(text).fill)"
    )
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert colours and background == "rgb(0, 0, 0)"
    assert set(colours) == {"rgb(255, 255, 255)"}


def test_english_and_french_boxes_sit_side_by_side_at_laptop_width(page, live_server, demo):
    mali = CountryPage.objects.get(iso_code="ML")
    make_superuser()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "lead", "a-long-test-pass-1")
    page.goto(live_server.url + f"/admin/pages/countrypage/{mali.pk}/change/")
    for english, french in (("#id_intro_en", "#id_intro_fr"), ("#id_title_en", "#id_title_fr")):
        left, right = page.locator(english).bounding_box(), page.locator(french).bounding_box()
        assert left["x"] + left["width"] <= right["x"], (english, left, right)
        assert right["x"] + right["width"] <= 1280, (french, right)
