"""Edit conflicts: a save based on an older version of a page is refused, inlines included."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from pages.models import CountryPage, Section
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_country, make_section


def editor_client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser(username, f"{username}@example.org", "x"))
    return client


@pytest.fixture
def page() -> CountryPage:
    return make_country(status=CountryPage.Status.DRAFT)


@pytest.mark.django_db
def test_form_carries_the_version_and_each_save_moves_it(page):
    alice = editor_client("alice")
    data = change_form_data(alice, change_url(page))
    assert data["edit_version"] == "1"
    assert alice.post(change_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.version == 2
    assert change_form_data(alice, change_url(page))["edit_version"] == "2"


@pytest.mark.django_db
def test_second_save_from_a_stale_form_is_refused_saying_who_and_what(page):
    alice, bob = editor_client("alice"), editor_client("bob")
    alice_data = change_form_data(alice, change_url(page))
    bob_data = change_form_data(bob, change_url(page))

    bob_data["title_en"] = "Canada and Mali"
    assert bob.post(change_url(page), bob_data).status_code == 302

    alice_data["title_fr"] = "Le Canada et le Mali"
    response = alice.post(change_url(page), alice_data)
    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Nothing was saved" in message
    assert "bob" in message
    assert "Page title [en]" in message
    page.refresh_from_db()
    assert page.title_en == "Canada and Mali"
    assert page.title_fr == "L'engagement du Canada au Mali"
    assert page.version == 2


@pytest.mark.django_db
def test_conflict_message_is_in_french_for_a_french_editor(page):
    alice, bob = editor_client("alice"), editor_client("bob")
    alice_data = change_form_data(alice, change_url(page))
    bob_data = change_form_data(bob, change_url(page))
    bob_data["title_en"] = "Canada and Mali"
    bob.post(change_url(page), bob_data)
    response = alice.post(change_url(page), alice_data, HTTP_ACCEPT_LANGUAGE="fr")
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Rien n'a été enregistré" in message
    # French typography in the list of what changed too: "Page de pays : …".
    assert "Page de pays\u00a0: Titre de la page [en]" in message


@pytest.mark.django_db
def test_stale_inline_edit_is_refused_and_nothing_is_saved(page):
    first = make_section(page, heading_en="Humanitarian assistance")
    second = make_section(page, heading_en="Peace and security", order=1)
    alice, bob = editor_client("alice"), editor_client("bob")
    alice_data = change_form_data(alice, change_url(page))
    bob_data = change_form_data(bob, change_url(page))

    # Bob changes only a section: the page's version moves all the same.
    bob_data["sections-0-heading_en"] = "Humanitarian aid"
    assert bob.post(change_url(page), bob_data).status_code == 302
    page.refresh_from_db()
    assert page.version == 2

    alice_data["sections-1-heading_en"] = "Security"
    alice_data["title_en"] = "Changed by Alice"
    response = alice.post(change_url(page), alice_data)
    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert "bob" in message
    assert "Heading [en]" in message
    assert Section.objects.get(pk=second.pk).heading_en == "Peace and security"
    assert Section.objects.get(pk=first.pk).heading_en == "Humanitarian aid"
    page.refresh_from_db()
    assert page.title_en == "Canada's engagement in Mali"


@pytest.mark.django_db
def test_a_form_without_its_version_is_refused(page):
    alice = editor_client("alice")
    data = change_form_data(alice, change_url(page))
    del data["edit_version"]
    response = alice.post(change_url(page), data)
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.version == 1
