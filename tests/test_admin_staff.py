"""Staff groups with least permissions, and login throttling after repeated failures."""

import datetime
import html
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pages.models import CountryPage
from pages.staff_groups import GROUPS
from tests.admin_forms import change_form_data, change_url, oldest_revision_url
from tests.factories import make_country, make_report, make_senegal, make_staff_user


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_migration_created_the_three_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUPS)


@pytest.mark.django_db
def test_group_command_is_re_runnable_and_restores_permissions():
    editor = Group.objects.get(name="Editor")
    editor.permissions.clear()
    out = StringIO()
    call_command("setup_staff_groups", stdout=out)
    call_command("setup_staff_groups", stdout=out)
    assert out.getvalue().count("Editor") == 2
    assert Group.objects.filter(name="Editor").count() == 1
    assert editor.permissions.filter(codename="change_countrypage").exists()


@pytest.mark.django_db
def test_editor_edits_pages_but_cannot_publish_delete_or_touch_reports():
    editor = make_staff_user("editor", groups=("Editor",))
    assert editor.has_perms(
        [
            "pages.change_countrypage",
            "pages.add_section",
            "pages.change_focuspoint",
            "pages.change_fundingfigure",
            "pages.change_image",
            "pages.change_programarea",
        ]
    )
    assert not editor.has_perm("pages.publish_countrypage")
    assert not editor.has_perm("pages.delete_countrypage")
    assert not editor.has_perm("pages.delete_feedbackreport")
    assert not editor.has_perm("pages.change_feedbackreport")


@pytest.mark.django_db
def test_editor_cannot_publish_through_the_admin_but_can_save_a_draft():
    page = make_country(status=CountryPage.Status.DRAFT, intro_en="<p>x</p>", intro_fr="<p>x</p>")
    client = login(make_staff_user("editor", groups=("Editor",)))
    data = change_form_data(client, change_url(page))
    data["title_en"] = "Canada and Mali"
    assert client.post(change_url(page), data).status_code == 302

    data = change_form_data(client, change_url(page))
    data["status"] = "published"
    response = client.post(change_url(page), data)
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    page.refresh_from_db()
    assert page.status == CountryPage.Status.DRAFT


@pytest.mark.django_db
def test_editor_cannot_unpublish_a_published_page():
    page = make_country(intro_en="<p>x</p>", intro_fr="<p>x</p>")
    client = login(make_staff_user("editor", groups=("Editor",)))
    data = change_form_data(client, change_url(page))
    data["status"] = "draft"
    assert client.post(change_url(page), data).status_code == 200
    page.refresh_from_db()
    assert page.status == CountryPage.Status.PUBLISHED


@pytest.mark.django_db
def test_publisher_publishes():
    page = make_country(status=CountryPage.Status.DRAFT, intro_en="<p>x</p>", intro_fr="<p>x</p>")
    client = login(make_staff_user("publisher", groups=("Publisher",)))
    data = change_form_data(client, change_url(page))
    data["status"] = "published"
    assert client.post(change_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.status == CountryPage.Status.PUBLISHED


@pytest.mark.django_db
def test_feedback_triage_handles_reports_but_cannot_edit_pages():
    page = make_country()
    report = make_report(page=page)
    triager = make_staff_user("triager", groups=("Feedback triage",))
    assert triager.has_perms(
        ["pages.view_feedbackreport", "pages.change_feedbackreport", "pages.handle_feedbackreport"]
    )
    assert not triager.has_perm("pages.delete_feedbackreport")
    assert not triager.has_perm("pages.change_countrypage")
    client = login(triager)
    assert client.get(change_url(page)).status_code == 403
    report_url = reverse("admin:pages_feedbackreport_change", args=[report.pk])
    assert client.get(report_url).status_code == 200


def attempt(client: Client, password: str, language: str = "en"):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": "/admin/"},
        HTTP_ACCEPT_LANGUAGE=language,
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.mark.django_db
def test_login_is_locked_after_five_failures_even_with_the_right_password(client):
    make_staff_user("editor")
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "wrong").status_code == 429  # the fifth failure locks
    response = attempt(client, "a long test password 42")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "15 minutes" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_sign_in_leaves_no_record_of_the_address_and_failures_go_with_the_lock(client):
    from axes.models import AccessAttempt, AccessLog

    make_staff_user("editor")
    attempt(client, "wrong")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").count() == 1
    assert attempt(client, "a long test password 42").status_code == 302
    # The success clears the failures (AXES_RESET_ON_SUCCESS), and no log row is written.
    assert AccessAttempt.objects.count() == 0
    assert AccessLog.objects.count() == 0


@pytest.mark.django_db
def test_lockout_message_is_in_french(client):
    make_staff_user("editor")
    for _ in range(4):
        attempt(client, "wrong", "fr")
    response = attempt(client, "wrong", "fr")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()


@pytest.mark.django_db
def test_lock_is_per_username_and_address(client):
    make_staff_user("editor")
    for _ in range(5):
        attempt(client, "wrong")
    other_address = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a long test password 42", "next": "/admin/"},
        REMOTE_ADDR="198.51.100.9",
    )
    assert other_address.status_code == 302


@pytest.mark.django_db
def test_four_failures_then_the_right_password_signs_in(client):
    make_staff_user("editor")
    for _ in range(4):
        attempt(client, "wrong")
    response = attempt(client, "a long test password 42")
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored", "restored"),
    [
        (CountryPage.Status.DRAFT, CountryPage.Status.PUBLISHED),  # publishing
        (CountryPage.Status.PUBLISHED, CountryPage.Status.DRAFT),  # unpublishing
    ],
)
def test_editor_cannot_change_the_publication_by_restoring_an_old_version(
    admin_client, stored, restored
):

    page = make_country(status=restored, intro_en="<p>Mali.</p>", intro_fr="<p>Le Mali.</p>")
    data = change_form_data(admin_client, change_url(page))  # the baseline version
    data["status"] = stored
    assert admin_client.post(change_url(page), data).status_code == 302
    revision_url = oldest_revision_url(page)
    editor = login(make_staff_user("editor", groups=("Editor",)))
    restore = change_form_data(editor, revision_url)
    assert restore["status"] == restored
    response = editor.post(revision_url, restore)
    assert response.status_code == 200
    assert "not publish, unpublish or schedule" in response.content.decode()
    page.refresh_from_db()
    assert page.status == stored
    # Restoring the text of an old version stays open to editors.
    restore["status"] = stored
    assert editor.post(revision_url, restore).status_code == 302


@pytest.mark.django_db
def test_editor_cannot_bring_back_a_deleted_page_as_published(admin_client):
    from reversion.models import Version

    page = make_country()
    change_form_data(admin_client, change_url(page))  # the baseline version
    delete_url = reverse("admin:pages_countrypage_delete", args=[page.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(CountryPage).get()
    recover_url = reverse("admin:pages_countrypage_recover", args=[deleted.pk])
    editor = login(make_staff_user("editor", groups=("Editor",)))
    recover = change_form_data(editor, recover_url)
    assert recover["status"] == CountryPage.Status.PUBLISHED
    response = editor.post(recover_url, recover)
    assert response.status_code == 200
    assert not CountryPage.objects.exists()
    # As a draft, for a publisher to publish: allowed.
    recover["status"] = CountryPage.Status.DRAFT
    assert editor.post(recover_url, recover).status_code == 302
    assert CountryPage.objects.get().status == CountryPage.Status.DRAFT


def go_live_in(minutes: int) -> dict[str, str]:
    """The admin's "Go live at" date and time fields, `minutes` from now (local time)."""
    moment = timezone.localtime() + datetime.timedelta(minutes=minutes)
    return {
        "publish_at_0": moment.strftime("%Y-%m-%d"),
        "publish_at_1": moment.strftime("%H:%M:%S"),
    }


@pytest.mark.django_db
def test_a_future_go_live_time_cannot_take_a_live_page_off_the_site():
    page = make_country(intro_en="<p>x</p>", intro_fr="<p>x</p>")
    client = login(make_staff_user("publisher", groups=("Publisher",)))
    data = change_form_data(client, change_url(page))
    data.update(go_live_in(30))
    response = client.post(change_url(page), data, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert "Cette page est en ligne\u00a0: une heure de mise en ligne future la retirerait" in (
        html.unescape(response.content.decode())
    )
    page.refresh_from_db()
    assert page.publish_at is None and page.is_live

    # A draft may still be scheduled: that is what "Go live at" is for.
    draft = make_senegal(status=CountryPage.Status.DRAFT, intro_en="<p>x</p>", intro_fr="<p>x</p>")
    data = change_form_data(client, change_url(draft))
    data.update({"status": "published", **go_live_in(30)})
    response = client.post(change_url(draft), data)
    assert response.status_code == 302, response.context["errors"]
    draft.refresh_from_db()
    assert draft.publish_at is not None and not draft.is_live


@pytest.mark.django_db
def test_an_editor_cannot_take_a_language_version_of_a_published_page_off_the_site():
    page = make_country(intro_en="<p>x</p>", intro_fr="<p>x</p>")
    client = login(make_staff_user("editor", groups=("Editor",)))
    data = change_form_data(client, change_url(page))
    data.update({"available_in": "en", "one_language_reason_fr": "Texte à venir."})
    response = client.post(change_url(page), data)
    assert response.status_code == 200
    assert "changing the languages it is offered in publishes or withdraws" in (
        html.unescape(response.content.decode())
    )
    page.refresh_from_db()
    assert page.available_in == CountryPage.Availability.BOTH

    publisher = login(make_staff_user("publisher", groups=("Publisher",)))
    data = change_form_data(publisher, change_url(page))
    data.update({"available_in": "en", "one_language_reason_fr": "Texte à venir."})
    assert publisher.post(change_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.available_in == "en"
