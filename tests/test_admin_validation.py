"""Editors' bad input in the admin: a form error in their language, and nothing saved."""

import html

import pytest

from pages.models import CountryPage, PageItem, ProgramArea
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_country, make_item, make_program_area, make_section, make_senegal


def save(client, url: str, language: str = "en", **changes):
    data = change_form_data(client, url)
    data.update(changes)
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    return response, html.unescape(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "“senegal” is already the English slug of “Canada's engagement in Senegal”."),
        (
            "fr",
            "«\u00a0senegal\u00a0» est déjà le segment d'adresse anglais de "
            "«\u00a0L'engagement du Canada au Sénégal\u00a0».",
        ),
    ],
)
def test_a_slug_another_page_has_in_the_other_language_is_refused(admin_client, language, message):
    # Senegal in English only: its French address falls back to "senegal".
    make_senegal(slug_fr="", available_in=CountryPage.Availability.EN)
    mali = make_country(status=CountryPage.Status.DRAFT)
    response, text = save(admin_client, change_url(mali), language, slug_fr="senegal")
    assert response.status_code == 200
    assert message in text
    mali.refresh_from_db()
    assert mali.slug_fr == "mali"


@pytest.mark.django_db
def test_a_program_area_slug_taken_in_the_other_language_is_refused(admin_client):
    make_program_area()
    other = make_program_area(
        name_en="Trade", name_fr="Commerce", slug_en="trade", slug_fr="commerce"
    )
    url = f"/admin/pages/programarea/{other.pk}/change/"
    response, text = save(admin_client, url, slug_en="aide-humanitaire")
    assert response.status_code == 200
    assert "“aide-humanitaire” is already the French slug of “Humanitarian assistance”." in text
    assert ProgramArea.objects.get(pk=other.pk).slug_en == "trade"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "language", "message"),
    [
        (
            {"slug_fr": "senegal-fr"},
            "fr",
            "Une autre page de pays a déjà ce segment d'adresse français.",
        ),
        (
            {"iso_code": "M1"},
            "en",
            "The ISO code is two capital letters (ISO 3166-1 alpha-2), e.g. ML.",
        ),
        (
            {"iso_code": "ml"},
            "fr",
            "Le code ISO est formé de deux lettres majuscules (ISO 3166-1 alpha-2), p. ex. ML.",
        ),
        ({"items-2-0-value": "-3"}, "en", "The number cannot be negative."),
        (
            {"items-2-0-sub_value": "20"},
            "en",
            "“Of which” needs the number it is part of, and can be neither negative nor "
            "larger than it.",
        ),
        (
            {"items-2-0-value": "", "items-2-0-sub_value": "5"},
            "fr",
            "«\u00a0Dont\u00a0» demande le nombre dont il fait partie",
        ),
    ],
)
def test_constraints_speak_to_editors_not_in_constraint_names(
    admin_client, changes, language, message
):
    make_senegal(slug_fr="senegal-fr")
    mali = make_country(status=CountryPage.Status.DRAFT)
    make_item(mali, kind=PageItem.Kind.RESULT, value=10)
    response, text = save(admin_client, change_url(mali), language, **changes)
    assert response.status_code == 200
    assert message in text
    assert "Constraint" not in text and "contrainte" not in text
    mali.refresh_from_db()
    assert (mali.iso_code, mali.slug_fr) == ("ML", "mali")
    assert PageItem.objects.get().value == 10
    # The same form without the bad value saves: the error was the only obstacle.
    assert save(admin_client, change_url(mali))[0].status_code == 302


@pytest.mark.django_db
def test_each_item_inline_shows_only_its_kinds_fields_and_needs_no_kind(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    html_text = admin_client.get(change_url(page)).content.decode()
    # The result inline (items-2): its text, number and "of which", nothing else.
    assert 'name="items-2-__prefix__-value"' in html_text
    for absent in ("kind", "url_en", "transcript_en", "body_en"):
        assert f'name="items-2-__prefix__-{absent}"' not in html_text
    assert 'name="items-__prefix__-kind"' not in html_text  # focus points

    data = change_form_data(admin_client, change_url(page))
    data.update(
        {
            "items-2-TOTAL_FORMS": "1",
            "items-2-0-text_en": "peace ambassadors trained",
            "items-2-0-text_fr": "ambassadeurs de la paix formés",
            "items-2-0-value": "360",
            "items-2-0-order": "1",
        }
    )
    response = admin_client.post(change_url(page), data)
    assert response.status_code == 302, response.context["errors"]
    result = page.items.get()
    assert (result.kind, result.value, result.text_fr) == (
        "result",
        360,
        "ambassadeurs de la paix formés",
    )


@pytest.mark.django_db
def test_the_editor_is_told_what_markup_a_save_removed(admin_client):
    page = make_country(status=CountryPage.Status.DRAFT)
    make_section(page)
    data = change_form_data(admin_client, change_url(page))
    data["intro_en"] = '<p onclick="x()">Intro</p><table><tr><td>cell</td></tr></table>'
    data["sections-0-body_fr"] = '<h2>Titre</h2><p><a href="javascript:alert(1)">lien</a></p>'
    response = admin_client.post(change_url(page), data, HTTP_ACCEPT_LANGUAGE="fr", follow=True)
    shown = [str(message) for message in response.context["messages"]]
    warning = next(text for text in shown if "balisage a été retiré" in text)
    assert "Introduction (anglais) (onclick=, <table>, <tr>, <td>)" in warning
    assert "(français) (<h2>, javascript:)" in warning
    page.refresh_from_db()
    assert "<table>" not in page.intro_en and "onclick" not in page.intro_en

    # Markup the pages keep says nothing.
    data = change_form_data(admin_client, change_url(page))
    data["intro_en"] = '<p lang="fr">Le <strong>Mali</strong>, <a href="https://x.ca">lien</a></p>'
    response = admin_client.post(change_url(page), data, follow=True)
    assert not [m for m in response.context["messages"] if "removed" in str(m)]
