"""History: every admin save of a page and its inlines is recorded, shown as diffs, restorable."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from pages.models import CountryPage, FieldTranslationState, Section
from tests.admin_forms import change_form_data, change_url, oldest_revision_url
from tests.factories import make_country, make_figure, make_section


def history_url(page: CountryPage) -> str:
    return reverse("admin:pages_countrypage_history", args=[page.pk])


@pytest.mark.django_db
def test_a_save_is_recorded_with_who_when_and_field_diffs(admin_client, admin_user):
    page = make_country(status=CountryPage.Status.DRAFT)
    make_section(page, heading_en="Humanitarian assistance")
    data = change_form_data(admin_client, change_url(page))
    data["title_en"] = "Canada and Mali"
    data["sections-0-heading_en"] = "Humanitarian aid"
    assert admin_client.post(change_url(page), data).status_code == 302

    versions = Version.objects.get_for_object(page)
    assert versions.count() == 2  # the baseline found on first opening, and this save
    assert versions.first().revision.user == admin_user

    html = admin_client.get(history_url(page)).content.decode()
    assert "Page title [en]" in html
    assert "Canada&#x27;s engagement in Mali" in html
    assert "Canada and Mali" in html
    assert "Heading [en]" in html
    assert "Humanitarian aid" in html
    assert admin_user.username in html


@pytest.mark.django_db
def test_an_older_version_is_restored_with_its_inlines(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    section = make_section(page, heading_en="Humanitarian assistance")
    data = change_form_data(admin_client, change_url(page))
    data["title_en"] = "Canada and Mali"
    data["sections-0-DELETE"] = "on"
    assert admin_client.post(change_url(page), data).status_code == 302
    assert not Section.objects.filter(pk=section.pk).exists()
    page.refresh_from_db()
    assert page.version == 2

    revision_url = oldest_revision_url(page)
    restore = change_form_data(admin_client, revision_url)
    assert restore["title_en"] == "Canada's engagement in Mali"
    assert restore["edit_version"] == "2"  # checked against the version before the restore
    assert admin_client.post(revision_url, restore).status_code == 302

    page.refresh_from_db()
    assert page.title_en == "Canada's engagement in Mali"
    assert page.version == 3
    assert Section.objects.get(pk=section.pk).heading_en == "Humanitarian assistance"
    assert Version.objects.get_for_object(page).count() == 3


@pytest.mark.django_db
def test_a_restore_from_a_stale_form_is_refused(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    data = change_form_data(admin_client, change_url(page))
    baseline = Version.objects.get_for_object(page).get()
    revision_url = reverse("admin:pages_countrypage_revision", args=[page.pk, baseline.pk])
    restore = change_form_data(admin_client, revision_url)
    data["title_en"] = "Canada and Mali"
    assert admin_client.post(change_url(page), data).status_code == 302
    response = admin_client.post(revision_url, restore)
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.title_en == "Canada and Mali"


@pytest.mark.django_db
def test_history_page_is_in_french_for_a_french_editor(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    admin_client.get(change_url(page))
    html = admin_client.get(history_url(page), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Voir ou restaurer cette version" in html


@pytest.mark.django_db
def test_date_modified_moves_to_today_unless_minor_change(admin_client):
    old = datetime.date(2026, 11, 28)
    page = make_country(status=CountryPage.Status.DRAFT, date_modified=old)
    data = change_form_data(admin_client, change_url(page))
    data["title_en"] = "Canada and Mali"
    data["minor_change"] = "on"
    assert admin_client.post(change_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.date_modified == old

    data = change_form_data(admin_client, change_url(page))
    data["title_en"] = "Canada and Mali, 2026"
    assert admin_client.post(change_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.date_modified == timezone.localdate()


@pytest.mark.django_db
def test_an_editor_chosen_date_modified_is_kept(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    data = change_form_data(admin_client, change_url(page))
    data["date_modified"] = "2026-10-01"
    assert admin_client.post(change_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.date_modified == datetime.date(2026, 10, 1)


@pytest.mark.django_db
def test_history_shows_only_what_changed(admin_client):
    from pages import history

    # Made outside the admin: empty French fields are NULL; the form sends "".
    page = make_country(
        status=CountryPage.Status.DRAFT, available_in="en", slug_fr=None, title_fr=None
    )
    make_section(page, heading_en="Humanitarian assistance")
    data = change_form_data(admin_client, change_url(page))
    data["sections-0-heading_en"] = "Humanitarian aid"
    data["minor_change"] = "on"  # keeps "Date modified"
    assert admin_client.post(change_url(page), data).status_code == 302
    versions = history.page_versions(page.pk)
    changes = history.revision_changes([version.revision for version in versions])
    latest = changes[versions[-1].revision_id]
    labels = [(change.label, field.label) for change in latest for field in change.fields]
    # The heading once, in its language; nothing for the NULL that became "".
    assert labels == [("Section “Humanitarian aid”", "Heading [en]")]


@pytest.mark.django_db
def test_restoring_the_version_before_an_english_edit_brings_the_french_back_in_step(
    admin_client,
):
    page = make_country(status=CountryPage.Status.DRAFT)
    data = change_form_data(admin_client, change_url(page))
    data["title_en"] = "Canada and Mali"
    assert admin_client.post(change_url(page), data).status_code == 302
    assert FieldTranslationState.objects.get(page=page, field="title", language="fr").is_stale

    revision_url = oldest_revision_url(page)
    assert (
        admin_client.post(revision_url, change_form_data(admin_client, revision_url)).status_code
        == 302
    )

    page.refresh_from_db()
    assert page.title_en == "Canada's engagement in Mali"
    assert not FieldTranslationState.objects.filter(page=page, is_stale=True).exists()


@pytest.mark.django_db
def test_restoring_brings_a_sections_french_back_in_step_and_a_restored_section_its_status(
    admin_client,
):
    page = make_country(status=CountryPage.Status.DRAFT)
    kept = make_section(page, heading_en="Aid", heading_fr="Aide")
    gone = make_section(page, order=2, heading_en="Trade", heading_fr="", body_fr="")
    data = change_form_data(admin_client, change_url(page))
    data["sections-0-heading_en"] = "Humanitarian aid"
    data["sections-1-DELETE"] = "on"
    assert admin_client.post(change_url(page), data).status_code == 302
    heading_fr = {"model": "section", "object_id": kept.pk, "field": "heading", "language": "fr"}
    assert FieldTranslationState.objects.get(**heading_fr).is_stale

    revision_url = oldest_revision_url(page)
    assert (
        admin_client.post(revision_url, change_form_data(admin_client, revision_url)).status_code
        == 302
    )

    assert Section.objects.get(pk=kept.pk).heading_en == "Aid"
    assert not FieldTranslationState.objects.get(**heading_fr).is_stale
    # The section brought back has its status again: its French is missing.
    missing = FieldTranslationState.objects.filter(
        model="section", object_id=gone.pk, language="fr", is_missing=True
    )
    assert set(missing.values_list("field", flat=True)) == {"heading", "body"}


@pytest.mark.django_db
def test_history_writes_a_tick_box_as_yes_or_no_in_the_editors_language(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    make_figure(page)
    data = change_form_data(admin_client, change_url(page))
    data["funding_figures-0-more_than"] = "on"
    assert admin_client.post(change_url(page), data).status_code == 302
    html = admin_client.get(history_url(page), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<del>Non</del> → <ins>Oui</ins>" in html
    assert "False" not in html and "True" not in html
