"""The 400, 403, 404 and 500 pages read in both languages; the 500 one needs no database."""

import pytest
from django.test import Client
from django.views.defaults import server_error


@pytest.mark.django_db
def test_not_found_page_is_bilingual(client):
    response = client.get("/fr/pays/nulle-part/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We couldn&#x27;t find that Web page" in html or "We couldn't find that Web page" in html
    assert "Nous ne pouvons trouver cette page Web" in html
    assert '<section class="splash-language" lang="fr"' in html
    assert '<a href="/en/" hreflang="en">' in html
    assert '<a href="/fr/" hreflang="fr">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_not_found_outside_the_language_prefixes_is_bilingual_too(client):
    response = client.get("/no-such-page.html")
    assert response.status_code == 404
    assert "Erreur 404" in response.content.decode()


def bilingual_error(response, code: int, english: str, french: str) -> None:
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == code
    assert f'{english} <span class="error-code">(Error {code})</span>' in html
    assert f'{french} <span class="error-code">(Erreur {code})</span>' in html
    assert '<section class="splash-language" lang="fr"' in html
    assert "Forbidden" not in html and "Bad Request" not in html  # not Django's bare page


@pytest.mark.django_db
def test_a_request_the_site_cannot_read_gets_a_bilingual_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = {f"x{index}": "1" for index in range(20)}
    response = client.get("/fr/recherche/", {"q": "mali", **query})
    bilingual_error(
        response, 400, "We couldn't process that request", "Nous ne pouvons traiter cette demande"
    )
    # A Host the site does not serve.
    response = client.get("/en/", HTTP_HOST="elsewhere.example")
    bilingual_error(
        response, 400, "We couldn't process that request", "Nous ne pouvons traiter cette demande"
    )


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_a_bilingual_403():
    client = Client(enforce_csrf_checks=True)
    # The admin's sign-in form sent with no token (a page left open too long).
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    bilingual_error(
        response,
        403,
        "Your form could not be sent",
        "Votre formulaire n'a pas pu être envoyé",
    )


@pytest.mark.django_db
def test_an_editor_without_the_permission_gets_a_bilingual_403(client, django_user_model):
    editor = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(editor)
    # Staff, but with no permission on problem reports.
    response = client.get("/admin/pages/feedbackreport/")
    bilingual_error(
        response, 403, "You don't have access to that page", "Vous n'avez pas accès à cette page"
    )


def test_server_error_page_renders_without_database_or_context(rf):
    # No django_db mark: any database access here would fail the test.
    response = server_error(rf.get("/en/countries/mali/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Error 500" in html
    assert "Erreur 500" in html
    assert '<section class="splash-language" lang="fr"' in html
    assert "{%" not in html


@pytest.mark.django_db
def test_a_database_that_cannot_be_reached_is_unavailable_and_a_missing_table_is_not(tmp_path):
    from django.db import DatabaseError, connection, transaction

    from pages.views.errors import database_unavailable
    from tests import servers

    with (
        pytest.raises(DatabaseError) as missing,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT * FROM no_such_table")
    assert not database_unavailable(missing.value)  # a migration not run: a 500

    unreachable = servers.unreachable_connection(tmp_path)
    with pytest.raises(DatabaseError) as down:
        unreachable.ensure_connection()
    assert database_unavailable(down.value)  # a 503: try again
    assert not database_unavailable(ValueError("not a database error"))


@pytest.mark.django_db
def test_a_database_that_refuses_at_once_is_tried_again_at_once():
    """Only a connection that made the request wait stops the next ones from trying."""
    from django.db import DatabaseError
    from django.db.utils import load_backend

    from engagement.postgresql import base

    settings_dict = {
        "ENGINE": "engagement.postgresql",
        "NAME": "engagement_refused",
        "USER": "app",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "1",
        "OPTIONS": {},
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TIME_ZONE": None,
        "TEST": {},
    }
    for _ in range(2):
        refused = load_backend("engagement.postgresql").DatabaseWrapper(settings_dict, "refused")
        with pytest.raises(DatabaseError, match="refused"):
            refused.ensure_connection()
    assert not any(key[1] == 1 or key[1] == "1" for key in base._failed_until)
