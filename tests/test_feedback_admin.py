"""The triage desk: filters, counts, bulk handling, read-only reports, CSV export, permissions."""

import csv
import io

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission, User
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from pages.admin.feedback import spreadsheet_safe
from pages.models import FeedbackReport
from tests.factories import make_country, make_report


@pytest.fixture(autouse=True)
def _back_to_english():
    # Requests to /fr/ (or with Accept-Language: fr) leave French active in
    # this thread; later tests elsewhere expect the default language.
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


CHANGELIST = "/admin/pages/feedbackreport/"
EXPORT = "/admin/pages/feedbackreport/export/"

# What the "Feedback triage" group needs (the editorial engineer's groups command grants it).
TRIAGE_PERMISSIONS = ["view_feedbackreport", "change_feedbackreport", "handle_feedbackreport"]


def make_staff(username: str, *codenames: str) -> User:
    # No password: force_login needs none, and hashing one is slow.
    user = User.objects.create(username=username, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def triager(client):
    client.force_login(make_staff("triager", *TRIAGE_PERMISSIONS))
    return client


@pytest.fixture
def reports():
    mali = make_country()
    haiti = make_country(
        iso_code="HT", name_en="Haiti", name_fr="Haïti", slug_en="haiti", slug_fr="haiti"
    )
    return {
        "mali_broken": make_report(page=mali, broken=True, details="Video 2 does not play"),
        "mali_spelling": make_report(
            page=mali,
            broken=False,
            spelling=True,
            language="fr",
            path="/fr/pays/mali/",
            details="Faute : « gouvernment »",
        ),
        "haiti_outdated": make_report(
            page=haiti, broken=False, outdated=True, path="/en/countries/haiti/"
        ),
        "home_cant_find": make_report(path="/en/", broken=False, cant_find=True),
    }


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


# --- The list ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"mali_broken", "mali_spelling", "haiti_outdated", "home_cant_find"}),
        (
            "?status__exact=new",
            {"mali_broken", "mali_spelling", "haiti_outdated", "home_cant_find"},
        ),
        ("?spelling__exact=1", {"mali_spelling"}),
        ("?outdated__exact=1", {"haiti_outdated"}),
        ("?language__exact=fr", {"mali_spelling"}),
        ("?page__isnull=True", {"home_cant_find"}),
        ("?q=gouvernment", {"mali_spelling"}),
        ("?q=/countries/haiti/", {"haiti_outdated"}),
    ],
)
def test_list_filters_and_search(triager, reports, query, expected):
    response = triager.get(CHANGELIST + query)
    assert response.status_code == 200
    shown = {report.pk for report in response.context["cl"].result_list}
    assert shown == {reports[name].pk for name in expected}


@pytest.mark.django_db
def test_list_filters_by_page_and_by_date(triager, reports):
    mali = reports["mali_broken"].page
    response = triager.get(f"{CHANGELIST}?page__id__exact={mali.pk}")
    assert {r.pk for r in response.context["cl"].result_list} == {
        reports["mali_broken"].pk,
        reports["mali_spelling"].pk,
    }
    today = timezone.localdate()
    response = triager.get(f"{CHANGELIST}?created_at__year={today.year}")
    assert len(response.context["cl"].result_list) == 4
    response = triager.get(f"{CHANGELIST}?created_at__year={today.year - 1}")
    assert len(response.context["cl"].result_list) == 0


@pytest.mark.django_db
def test_summary_counts_per_problem_and_page_for_the_filtered_list(triager, reports):
    reports["mali_broken"].__class__.objects.filter(pk=reports["mali_broken"].pk).mark_handled()
    summary = triager.get(CHANGELIST).context["summary"]
    assert (summary["total"], summary["new"]) == (4, 3)
    per_problem = {str(p["label"]): p["count"] for p in summary["problems"]}
    assert per_problem == {
        "A link, button or video is not working": 1,
        "It has a spelling mistake": 1,
        "Information is missing": 0,
        "Information is outdated or wrong": 1,
        "I can't find what I'm looking for": 1,
        "Other issue not in this list": 0,
    }
    per_page = {p["label"]: (p["count"], p["new"]) for p in summary["pages"]}
    assert per_page == {
        "Mali": (2, 1),
        "Haiti": (1, 1),
        "No country page (deleted since, or another page of the site)": (1, 1),
    }
    filtered = triager.get(CHANGELIST + "?language__exact=en").context["summary"]
    assert {p["label"]: p["count"] for p in filtered["pages"]}["Mali"] == 1
    assert filtered["total"] == 3


@pytest.mark.django_db
def test_summary_links_narrow_the_list(triager, reports):
    html = triager.get(CHANGELIST + "?language__exact=en").content.decode()
    mali = reports["mali_broken"].page
    assert f'href="?language__exact=en&amp;page__id__exact={mali.pk}"' in html
    assert 'href="?broken__exact=1&amp;language__exact=en"' in html


@pytest.mark.django_db
def test_list_and_summary_take_a_fixed_number_of_queries(triager):
    page = make_country()
    make_report(page=page)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert triager.get(CHANGELIST).status_code == 200
        return len(queries)

    few = count_queries()
    countries = [
        make_country(iso_code=f"Z{letter}", slug_en=f"z{letter}", slug_fr=f"z{letter}")
        for letter in "ABCDEF"
    ]
    for number in range(120):
        make_report(page=countries[number % 6], details=f"report {number}", spelling=True)
    make_report(path="/en/")
    assert count_queries() == few


# --- Handling ------------------------------------------------------------------


@pytest.mark.django_db
def test_bulk_mark_as_handled_sets_status_and_time(triager, reports):
    chosen = [reports["mali_broken"].pk, reports["haiti_outdated"].pk]
    response = triager.post(
        CHANGELIST, {"action": "mark_handled", "_selected_action": chosen}, follow=True
    )
    assert "2 reports marked as handled." in response.content.decode()
    handled = FeedbackReport.objects.filter(status=FeedbackReport.Status.HANDLED)
    assert set(handled.values_list("pk", flat=True)) == set(chosen)
    assert all(report.handled_at is not None for report in handled)
    assert FeedbackReport.objects.filter(handled_at__isnull=True).count() == 2


@pytest.mark.django_db
def test_marking_handled_twice_keeps_the_first_time(triager, reports):
    report = reports["mali_broken"]
    FeedbackReport.objects.filter(pk=report.pk).mark_handled()
    first = FeedbackReport.objects.get(pk=report.pk).handled_at
    triager.post(CHANGELIST, {"action": "mark_handled", "_selected_action": [report.pk]})
    assert FeedbackReport.objects.get(pk=report.pk).handled_at == first


@pytest.mark.django_db
def test_mark_as_new_reopens_a_report(triager, reports):
    report = reports["mali_broken"]
    FeedbackReport.objects.filter(pk=report.pk).mark_handled()
    triager.post(CHANGELIST, {"action": "mark_new", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert (report.status, report.handled_at) == (FeedbackReport.Status.NEW, None)


@pytest.mark.django_db
def test_staff_without_the_handle_permission_cannot_mark_reports(client, reports):
    client.force_login(make_staff("reader", "view_feedbackreport", "change_feedbackreport"))
    response = client.get(CHANGELIST)
    assert "mark_handled" not in response.content.decode()
    client.post(
        CHANGELIST, {"action": "mark_handled", "_selected_action": [reports["mali_broken"].pk]}
    )
    assert not FeedbackReport.objects.filter(status=FeedbackReport.Status.HANDLED).exists()


@pytest.mark.django_db
def test_the_visitors_words_are_read_only_and_the_staff_note_is_not(triager, reports):
    report = reports["mali_broken"]
    url = f"{CHANGELIST}{report.pk}/change/"
    response = triager.post(
        url,
        {
            "details": "rewritten by staff",
            "path": "/en/other/",
            "spelling": "on",
            "status": "handled",
            "staff_note": "Video link fixed",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.details == "Video 2 does not play"
    assert report.path == "/en/countries/mali/"
    assert report.problems == ["broken"]
    assert report.staff_note == "Video link fixed"
    assert report.status == FeedbackReport.Status.HANDLED
    assert report.handled_at is not None


@pytest.mark.django_db
def test_without_the_handle_permission_status_is_read_only_but_the_note_is_editable(
    client, reports
):
    client.force_login(make_staff("noter", "view_feedbackreport", "change_feedbackreport"))
    report = reports["mali_broken"]
    client.post(f"{CHANGELIST}{report.pk}/change/", {"status": "handled", "staff_note": "Seen"})
    report.refresh_from_db()
    assert (report.status, report.staff_note) == (FeedbackReport.Status.NEW, "Seen")


@pytest.mark.django_db
def test_nobody_adds_reports_in_the_admin(client):
    client.force_login(User.objects.create(username="root", is_staff=True, is_superuser=True))
    assert client.get(CHANGELIST + "add/").status_code == 403


@pytest.mark.django_db
def test_status_and_handled_time_cannot_disagree_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(status=FeedbackReport.Status.HANDLED, handled_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(handled_at=timezone.now())


@pytest.mark.django_db
def test_a_report_needs_at_least_one_problem_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(broken=False)


# --- Permissions of the groups --------------------------------------------------


@pytest.mark.django_db
def test_staff_without_delete_permission_cannot_delete_reports(client, reports):
    client.force_login(
        make_staff("editor", "view_feedbackreport", "change_countrypage", "view_countrypage")
    )
    report = reports["mali_broken"]
    assert "delete_selected" not in client.get(CHANGELIST).content.decode()
    assert client.get(f"{CHANGELIST}{report.pk}/delete/").status_code == 403
    client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [report.pk]})
    assert FeedbackReport.objects.filter(pk=report.pk).exists()


@pytest.mark.django_db
def test_triage_permissions_do_not_allow_editing_pages(triager, reports):
    page = reports["mali_broken"].page
    assert triager.get(f"/admin/pages/countrypage/{page.pk}/change/").status_code == 403


# --- CSV export ------------------------------------------------------------------


@pytest.mark.django_db
def test_export_holds_the_filtered_list_only(triager, reports):
    response = triager.get(EXPORT + "?language__exact=fr")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="problem-reports-')
    header, *rows = csv_rows(response)
    assert [row[0] for row in rows] == [str(reports["mali_spelling"].pk)]
    assert rows[0][header.index("Details")] == "Faute : « gouvernment »"
    assert rows[0][header.index("It has a spelling mistake")] == "1"
    assert rows[0][header.index("A link, button or video is not working")] == "0"
    assert rows[0][header.index("Page")] == "Mali"


@pytest.mark.django_db
def test_export_follows_search_and_link_keeps_the_filters(triager, reports):
    html = triager.get(CHANGELIST + "?q=video").content.decode()
    assert f'href="{EXPORT}?q=video"' in html
    _header, *rows = csv_rows(triager.get(EXPORT + "?q=video"))
    assert [row[0] for row in rows] == [str(reports["mali_broken"].pk)]


@pytest.mark.django_db
def test_export_header_is_translated_and_accents_survive(client, reports):
    client.force_login(make_staff("trieur", *TRIAGE_PERMISSIONS))
    header, *rows = csv_rows(client.get(EXPORT, HTTP_ACCEPT_LANGUAGE="fr"))
    assert header[:5] == ["ID", "Reçu le", "Langue", "Page", "Adresse"]
    assert "Il y a une erreur d'orthographe ou de grammaire" in header
    assert {row[header.index("Page")] for row in rows} >= {"Haïti", "Mali"}
    assert {row[header.index("État")] for row in rows} == {"Nouveau"}


@pytest.mark.django_db
def test_export_defuses_spreadsheet_formulas(triager):
    make_report(details='=HYPERLINK("http://evil.example","click")', staff_note="+1 call")
    make_report(details="-2+3", staff_note="@SUM(A1)")
    make_report(details="Line one\nline two, with a comma")
    header, *rows = csv_rows(triager.get(EXPORT))
    details = {row[header.index("Details")] for row in rows}
    notes = {row[header.index("Staff note")] for row in rows}
    assert details == {
        '\'=HYPERLINK("http://evil.example","click")',
        "'-2+3",
        "Line one\nline two, with a comma",
    }
    assert notes == {"'+1 call", "'@SUM(A1)", ""}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("\t=1", "'\t=1"), ("plain", "plain"), (None, ""), (42, "42")],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


@pytest.mark.django_db
def test_export_needs_the_view_permission(client, reports):
    client.force_login(make_staff("nobody"))
    assert client.get(EXPORT).status_code == 403
    client.logout()
    assert client.get(EXPORT).status_code == 302  # to the login page


@pytest.mark.django_db
def test_export_with_a_bad_filter_is_a_400(triager):
    assert triager.get(EXPORT + "?created_at__year=notayear").status_code == 400


# --- French ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_triage_desk_speaks_french(client, reports):
    client.force_login(make_staff("trieur", *TRIAGE_PERMISSIONS))
    html = client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    for phrase in (
        "Marquer comme traité",
        "Exporter ces signalements (CSV)",
        "Signalements par problème",
        "Signalements par page",
        "Aucune page de pays (supprimée depuis, ou une autre page du site)",
        "4 signalements dans cette liste",
    ):
        assert phrase in html, phrase
    response = client.post(
        CHANGELIST,
        {"action": "mark_handled", "_selected_action": [reports["mali_broken"].pk]},
        HTTP_ACCEPT_LANGUAGE="fr",
        follow=True,
    )
    assert "1 signalement marqué comme traité." in response.content.decode()
