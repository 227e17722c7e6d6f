"""Staff preview of drafts in both languages, and old slugs that keep answering."""

import pytest
from django.urls import reverse

from pages.models import CountryPage, SlugRedirect
from tests.admin_forms import change_form_data
from tests.factories import make_country, make_section, make_staff_user


@pytest.fixture
def draft() -> CountryPage:
    page = make_country(status=CountryPage.Status.DRAFT, intro_en="<p>Draft intro</p>")
    make_section(page, heading_en="Humanitarian assistance", heading_fr="Aide humanitaire")
    return page


@pytest.mark.django_db
def test_staff_previews_a_draft_in_both_languages(admin_client, draft):
    english = admin_client.get(f"/en/preview/{draft.pk}/")
    assert english.status_code == 200
    assert "Humanitarian assistance" in english.content.decode()
    assert english["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in english["Cache-Control"] or "no-cache" in english["Cache-Control"]
    french = admin_client.get(f"/fr/apercu/{draft.pk}/")
    assert french.status_code == 200
    html = french.content.decode()
    assert "Aide humanitaire" in html
    # The toggle goes to the English preview, not to the draft's public 404.
    assert f'href="/en/preview/{draft.pk}/"' in html
    # Said on top, in the page's language: it looks like the live page otherwise.
    assert "Aperçu réservé au personnel\u00a0:" in html
    assert 'id="preview-notice"' in english.content.decode()


@pytest.mark.django_db
def test_preview_renders_the_public_template(admin_client, draft, client):
    response = admin_client.get(f"/en/preview/{draft.pk}/")
    assert "pages/countrypage_detail.html" in [t.name for t in response.templates]
    draft.status = CountryPage.Status.PUBLISHED
    draft.save()
    assert 'id="preview-notice"' not in client.get(draft.get_absolute_url("en")).content.decode()


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_and_the_public_url_is_404(client, draft):
    response = client.get(f"/en/preview/{draft.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.get("/en/countries/mali/").status_code == 404


@pytest.mark.django_db
def test_staff_without_page_permission_cannot_preview(client, draft):
    client.force_login(make_staff_user("triager"))
    assert client.get(f"/en/preview/{draft.pk}/").status_code == 403


@pytest.mark.django_db
def test_change_form_links_to_both_previews(admin_client, draft):
    html = admin_client.get(
        reverse("admin:pages_countrypage_change", args=[draft.pk])
    ).content.decode()
    assert f'href="/en/preview/{draft.pk}/"' in html
    assert f'href="/fr/apercu/{draft.pk}/"' in html


@pytest.mark.django_db
def test_renamed_page_old_url_redirects_permanently(admin_client, client):
    page = make_country(
        slug_en="mali", slug_fr="mali-fr", intro_en="<p>Intro</p>", intro_fr="<p>Intro</p>"
    )
    url = reverse("admin:pages_countrypage_change", args=[page.pk])
    data = change_form_data(admin_client, url)
    data["slug_en"] = "republic-of-mali"
    data["slug_fr"] = "republique-du-mali"
    assert admin_client.post(url, data).status_code == 302
    assert set(SlugRedirect.objects.values_list("language", "old_slug")) == {
        ("en", "mali"),
        ("fr", "mali-fr"),
    }
    response = client.get("/en/countries/mali/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/republic-of-mali/"
    response = client.get("/fr/pays/mali-fr/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/pays/republique-du-mali/"
    assert client.get("/en/countries/never-existed/").status_code == 404


@pytest.mark.django_db
def test_slug_taken_back_is_no_longer_an_old_slug():
    page = make_country(slug_en="mali")
    page.slug_en = "republic-of-mali"
    page.save()
    page.slug_en = "mali"
    page.save()
    assert list(SlugRedirect.objects.values_list("language", "old_slug")) == [
        ("en", "republic-of-mali")
    ]


@pytest.mark.django_db
def test_old_slug_of_an_unpublished_page_is_404(client):
    page = make_country(slug_en="mali")
    page.slug_en = "republic-of-mali"
    page.status = CountryPage.Status.DRAFT
    page.save()
    assert client.get("/en/countries/mali/").status_code == 404
