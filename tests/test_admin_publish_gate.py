"""The publish gate: no page goes live with a required field empty in a language it claims."""

import pytest

from pages.models import CountryPage
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_country, make_section


def make_draft(**overrides) -> CountryPage:
    fields = {
        "status": CountryPage.Status.DRAFT,
        "intro_en": "<p>Canada works with Mali.</p>",
        "intro_fr": "",
    }
    fields.update(overrides)
    return make_country(**fields)


def publish(client, page: CountryPage, language: str = "en", **changes):
    data = change_form_data(client, change_url(page))
    data["status"] = "published"
    data.update(changes)
    return client.post(change_url(page), data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.django_db
def test_publishing_with_an_empty_french_intro_is_refused_and_names_the_field(admin_client):
    page = make_draft()
    response = publish(admin_client, page)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "cannot be published" in errors
    assert "Introduction (French)" in errors
    # Marked at the field as well, where the editor will type.
    form = response.context["adminform"].form
    assert form.errors["intro_fr"] == ["Required to publish this page."]
    assert "intro_en" not in form.errors
    page.refresh_from_db()
    assert page.status == CountryPage.Status.DRAFT


@pytest.mark.django_db
def test_publish_gate_message_is_in_french_for_a_french_editor(admin_client):
    page = make_draft(title_fr="")
    response = publish(admin_client, page, language="fr")
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "ne peut pas être publiée" in errors
    assert "Titre de la page (français)" in errors
    assert "Introduction (français)" in errors


@pytest.mark.django_db
def test_english_only_page_with_a_reason_can_be_published(admin_client):
    page = make_draft()
    response = publish(
        admin_client,
        page,
        available_in="en",
        one_language_reason_fr="Cette page n'existe qu'en anglais pour le moment.",
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.status == CountryPage.Status.PUBLISHED


@pytest.mark.django_db
def test_english_only_page_without_the_french_reason_is_refused(admin_client):
    page = make_draft()
    response = publish(admin_client, page, available_in="en")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "one_language_reason_fr" in form.errors
    page.refresh_from_db()
    assert page.status == CountryPage.Status.DRAFT


@pytest.mark.django_db
def test_english_only_flag_does_not_excuse_empty_english(admin_client):
    page = make_draft(intro_en="")
    response = publish(
        admin_client, page, available_in="en", one_language_reason_fr="Anglais seulement."
    )
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Introduction (English)" in errors


@pytest.mark.django_db
def test_a_section_with_an_empty_french_heading_blocks_publishing(admin_client):
    page = make_draft(intro_fr="<p>Le Canada…</p>")
    make_section(page, heading_fr="")
    response = publish(admin_client, page)
    assert response.status_code == 200
    formset_errors = [
        " ".join(formset.non_form_errors())
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.non_form_errors()
    ]
    assert len(formset_errors) == 1
    assert "Section 1: Heading (French)" in formset_errors[0]
    page.refresh_from_db()
    assert page.status == CountryPage.Status.DRAFT


@pytest.mark.django_db
def test_a_complete_page_is_published(admin_client):
    page = make_draft(intro_fr="<p>Le Canada…</p>")
    make_section(page)
    response = publish(admin_client, page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.status == CountryPage.Status.PUBLISHED


@pytest.mark.django_db
def test_a_draft_may_be_saved_incomplete(admin_client):
    page = make_draft()
    data = change_form_data(admin_client, change_url(page))
    data["title_en"] = "Work in progress"
    assert admin_client.post(change_url(page), data).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("blank", ["<p>&nbsp;</p>", "<p>&#8203;</p>", "<p> <br> </p>"])
def test_rich_text_that_shows_nothing_counts_as_empty(admin_client, blank):
    page = make_draft(intro_fr=blank)
    response = publish(admin_client, page)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Introduction (French)" in errors
    page.refresh_from_db()
    assert page.status == CountryPage.Status.DRAFT
