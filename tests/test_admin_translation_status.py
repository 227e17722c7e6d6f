"""Translation status: which French (or English) fields are missing or out of date."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from pages.models import CountryPage, FieldTranslationState
from pages.translation_status import flagged_fields
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_country, make_section


def backdate_states(days: int = 1) -> None:
    """Make the recorded change times older, as if the page was written earlier."""
    FieldTranslationState.objects.update(changed_at=timezone.now() - datetime.timedelta(days=days))


def flags(page: CountryPage) -> set[tuple[str, str, str]]:
    return {(f.form_field, f.kind, f.model._meta.model_name) for f in flagged_fields(page)}


def make_complete_page(**overrides) -> CountryPage:
    fields = {"intro_en": "<p>Canada works with Mali.</p>", "intro_fr": "<p>Le Canada…</p>"}
    fields.update(overrides)
    return make_country(**fields)


@pytest.mark.django_db
def test_new_complete_page_has_no_missing_or_stale_field():
    page = make_complete_page()
    assert flags(page) == set()
    assert FieldTranslationState.objects.filter(page=page, field="title").count() == 2


@pytest.mark.django_db
def test_english_edit_makes_the_french_out_of_date():
    page = make_complete_page()
    backdate_states()
    page.title_en = "Canada's engagement in Mali, 2026"
    page.save()
    assert flags(page) == {("title_fr", "stale", "countrypage")}


@pytest.mark.django_db
def test_french_edit_after_english_edit_brings_it_up_to_date():
    page = make_complete_page()
    page.title_en = "Canada's engagement in Mali, 2026"
    page.save()
    page.title_fr = "L'engagement du Canada au Mali, 2026"
    page.save()
    assert flags(page) == set()


@pytest.mark.django_db
def test_french_change_alone_makes_the_english_out_of_date():
    page = make_complete_page()
    page.intro_fr = "<p>Nouveau texte</p>"
    page.save()
    assert flags(page) == {("intro_en", "stale", "countrypage")}


@pytest.mark.django_db
def test_undoing_an_english_edit_brings_the_french_back_up_to_date():
    page = make_complete_page()
    section = make_section(page, body_en="<p>Aid.</p>", body_fr="<p>Aide.</p>")
    page.title_en, section.body_en = "Canada's engagement in Mali, 2026", "<p>More aid.</p>"
    page.save()
    section.save()
    assert flags(page) == {("title_fr", "stale", "countrypage"), ("body_fr", "stale", "section")}
    page.title_en = "Canada's engagement in Mali, 2025"  # another English change: still behind
    page.save()
    assert ("title_fr", "stale", "countrypage") in flags(page)

    page.title_en, section.body_en = "Canada's engagement in Mali", "<p>Aid.</p>"
    page.save()
    section.save()
    assert flags(page) == set()


@pytest.mark.django_db
def test_after_the_french_caught_up_changing_the_english_back_is_a_new_change():
    # The French was rewritten for the new English: the old English is now
    # a change the French has not followed.
    page = make_complete_page()
    page.title_en = "Canada and Mali"
    page.save()
    page.title_fr = "Le Canada et le Mali"
    page.save()
    assert flags(page) == set()
    page.title_en = "Canada's engagement in Mali"
    page.save()
    assert flags(page) == {("title_fr", "stale", "countrypage")}


@pytest.mark.django_db
def test_editing_both_languages_in_one_save_leaves_both_up_to_date():
    page = make_complete_page()
    page.title_en, page.title_fr = "Canada and Mali", "Le Canada et le Mali"
    page.save()
    assert flags(page) == set()


@pytest.mark.django_db
def test_saving_without_change_keeps_the_recorded_change_time():
    page = make_complete_page()
    backdate_states()
    before = FieldTranslationState.objects.get(page=page, field="title", language="en").changed_at
    page.save()
    after = FieldTranslationState.objects.get(page=page, field="title", language="en").changed_at
    assert after == before


@pytest.mark.django_db
def test_empty_french_is_missing_and_empty_rich_text_counts_as_empty():
    page = make_complete_page(intro_fr="<p> </p>", outro_en="<p>Bye</p>")
    assert flags(page) == {
        ("intro_fr", "missing", "countrypage"),
        ("outro_fr", "missing", "countrypage"),
    }


@pytest.mark.django_db
def test_inline_section_english_edit_makes_its_french_out_of_date():
    page = make_complete_page()
    section = make_section(page)
    backdate_states()
    section.body_en = "<p>New text</p>"
    section.save()
    assert flags(page) == {("body_fr", "stale", "section")}


@pytest.mark.django_db
def test_deleting_a_section_forgets_its_status():
    page = make_complete_page()
    section = make_section(page, heading_fr="")
    assert ("heading_fr", "missing", "section") in flags(page)
    section.delete()
    assert flags(page) == set()


@pytest.mark.django_db
def test_admin_english_edit_shows_french_out_of_date_on_the_form_and_in_the_list(admin_client):
    page = make_complete_page()
    make_section(page)
    backdate_states()
    data = change_form_data(admin_client, change_url(page))
    data["title_en"] = "Canada and Mali"
    data["sections-0-heading_en"] = "Humanitarian aid"
    response = admin_client.post(change_url(page), data)
    assert response.status_code == 302, response.context["errors"]
    assert flags(page) == {("title_fr", "stale", "countrypage"), ("heading_fr", "stale", "section")}

    form = admin_client.get(change_url(page)).content.decode()
    assert "translation-stale" in form
    assert "Out of date: the English changed on" in form

    changelist = reverse("admin:pages_countrypage_changelist")
    stale = admin_client.get(changelist, {"translation": "fr-stale"})
    assert list(stale.context["cl"].result_list) == [page]
    assert "French: 2 fields out of date" in stale.content.decode()
    missing = admin_client.get(changelist, {"translation": "fr-missing"})
    assert list(missing.context["cl"].result_list) == []


@pytest.mark.django_db
def test_french_missing_filter_skips_deliberately_english_only_pages(admin_client):
    make_complete_page(intro_fr="")
    make_complete_page(
        iso_code="NE",
        slug_en="niger",
        slug_fr="niger",
        intro_fr="",
        available_in=CountryPage.Availability.EN,
    )
    changelist = reverse("admin:pages_countrypage_changelist")
    response = admin_client.get(changelist, {"translation": "fr-missing"})
    assert [p.iso_code for p in response.context["cl"].result_list] == ["ML"]


@pytest.mark.django_db
def test_change_list_query_count_does_not_grow_with_pages(admin_client, django_assert_num_queries):
    changelist = reverse("admin:pages_countrypage_changelist")
    make_complete_page(intro_fr="")
    admin_client.get(changelist)  # warm the session and content types
    # Session, user, savepoint (reversion), two counts, the page list, release.
    with django_assert_num_queries(7):
        admin_client.get(changelist)
    for code in ("NE", "SN", "BF", "TD", "CI", "GH", "BJ", "TG"):
        make_complete_page(iso_code=code, slug_en=code.lower(), slug_fr=code.lower())
    with django_assert_num_queries(7):
        response = admin_client.get(changelist)
    assert len(response.context["cl"].result_list) == 9


@pytest.mark.django_db
def test_change_form_sets_english_and_french_side_by_side_without_any_cdn(admin_client):
    page = make_complete_page()
    html = admin_client.get(change_url(page)).content.decode()
    assert 'class="module aligned side-by-side"' in html
    assert "form-row flex-container form-multiline field-title_en field-title_fr" in html
    assert "pages/admin/editorial.css" in html
    assert "jquery-ui" not in html.lower()
    assert "https://" not in html.replace("https://www.", "")  # no external script or style


@pytest.mark.django_db
def test_change_form_in_french_names_the_out_of_date_field_in_french(admin_client):
    page = make_complete_page()
    backdate_states()
    page.title_en = "Canada and Mali"
    page.save()
    html = admin_client.get(change_url(page), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Titre de la page (français)" in html
    assert "Pas à jour" in html


@pytest.mark.django_db
def test_required_field_empty_in_both_languages_says_so(admin_client):
    page = make_complete_page(intro_en="", intro_fr="")
    html = admin_client.get(change_url(page)).content.decode()
    assert "Missing: required, and empty in both languages." in html
    assert "Missing: the French has content" not in html


@pytest.mark.django_db
def test_migration_gives_current_texts_their_basis_and_leaves_stale_ones_behind():
    page = make_complete_page()
    page.title_en = "Canada and Mali"
    page.save()
    FieldTranslationState.objects.update(basis_hash="")  # as rows were before the migration
    migration = importlib.import_module("pages.migrations.0012_translation_state_basis")
    migration.record_basis(apps, None)

    states = {
        (state.field, state.language): state
        for state in FieldTranslationState.objects.filter(model="countrypage")
    }
    assert states[("title", "en")].basis_hash == states[("title", "fr")].content_hash
    assert states[("title", "fr")].basis_hash == ""
    assert states[("intro", "fr")].basis_hash == states[("intro", "en")].content_hash
    page.title_fr = "Le Canada et le Mali"  # the French catches up, as before
    page.save()
    assert flags(page) == set()


@pytest.mark.django_db
def test_emptying_the_text_ahead_then_putting_it_back_leaves_the_other_behind():
    page = make_complete_page()
    page.title_en = "Canada and Mali"
    page.save()
    page.title_en = ""
    page.save()
    page.title_en = "Canada and Mali"  # the French still says what the old English said
    page.save()
    assert flags(page) == {("title_fr", "stale", "countrypage")}
    page.title_en = "Canada's engagement in Mali"  # the English it was written against
    page.save()
    assert flags(page) == set()


@pytest.mark.django_db
def test_an_emptied_text_written_anew_leaves_the_other_behind():
    page = make_complete_page(outro_en="<p>Bye.</p>", outro_fr="<p>Au revoir.</p>")
    page.outro_en = "<p></p>"
    page.save()
    assert flags(page) == {("outro_en", "missing", "countrypage")}
    page.outro_en = "<p>See you.</p>"
    page.save()
    assert flags(page) == {("outro_fr", "stale", "countrypage")}


@pytest.mark.django_db
def test_a_missing_french_filled_in_catches_up_both_ways():
    page = make_complete_page(outro_en="<p>Bye.</p>")
    assert flags(page) == {("outro_fr", "missing", "countrypage")}
    page.outro_fr = "<p>Au revoir.</p>"
    page.save()
    assert flags(page) == set()
    page.outro_fr = "<p>À bientôt.</p>"
    page.save()
    assert flags(page) == {("outro_en", "stale", "countrypage")}
