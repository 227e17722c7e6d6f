"""Scheduled publishing: visible from its go-live time, shown as "Scheduled" in the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pages.models import CountryPage
from tests.factories import make_country


@pytest.mark.django_db
def test_scheduled_page_is_hidden_until_its_time_then_visible(client):
    page = make_country(publish_at=timezone.now() + datetime.timedelta(hours=2))
    assert not CountryPage.objects.published().filter(pk=page.pk).exists()
    assert client.get("/en/countries/mali/").status_code == 404
    CountryPage.objects.filter(pk=page.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert CountryPage.objects.published().filter(pk=page.pk).exists()
    assert client.get("/en/countries/mali/").status_code == 200


@pytest.mark.django_db
def test_change_list_says_scheduled_draft_or_published(admin_client):
    make_country(publish_at=timezone.now() + datetime.timedelta(days=3))
    make_country(iso_code="NE", slug_en="niger", slug_fr="niger", status="draft")
    make_country(iso_code="SN", slug_en="senegal", slug_fr="senegal")
    html = admin_client.get(reverse("admin:pages_countrypage_changelist")).content.decode()
    assert "Scheduled for" in html
    assert "Draft" in html
    assert "Published" in html
    french = admin_client.get(
        reverse("admin:pages_countrypage_changelist"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Programmée pour le" in french
