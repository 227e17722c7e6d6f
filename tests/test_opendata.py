"""Open data: the funding figures as CSV and JSON, language-neutral and exact."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from pages.models import CountryPage
from pages.views.opendata import COLUMN_NAMES
from tests.factories import make_country, make_figure, make_seed_figures


def read_csv(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def mali(db) -> CountryPage:
    page = make_country()
    make_seed_figures(page)
    return page


@pytest.mark.django_db
def test_country_csv_is_a_utf8_attachment_with_a_bom_and_the_documented_columns(client, mali):
    response = client.get("/open-data/funding.csv?country=ML")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="funding-ml.csv"'
    assert response.content.startswith("\ufeff".encode())
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == COLUMN_NAMES


@pytest.mark.django_db
def test_csv_values_round_trip_to_the_stored_decimals(client, mali):
    rows = read_csv(client.get("/open-data/funding.csv?country=ML"))
    stored = {figure.pk: figure for figure in mali.funding_figures.all()}
    assert len(rows) == len(stored) == 14
    for row in rows:
        figure = stored[int(row["id"])]
        assert Decimal(row["value"]) == figure.amount
        assert row["value"] == str(figure.amount)
        assert row["currency"] == "CAD"
        assert row["recipient_country_code"] == "ML"


@pytest.mark.django_db
def test_csv_maps_periods_kinds_and_sectors_to_iati(client, mali):
    rows = {row["label_en"]: row for row in read_csv(client.get("/open-data/funding.csv"))}
    fiscal = rows["Seed figure assistance-2018-2019"]
    assert fiscal["value"] == "139930000.00"
    assert (fiscal["period_start"], fiscal["period_end"]) == ("2018-04-01", "2019-03-31")
    assert fiscal["period_label_en"] == fiscal["period_label_fr"] == "2018-2019"
    assert fiscal["sector_vocabulary"] == "99"
    assert fiscal["sector_code"] == "development-assistance"
    assert fiscal["program_area_fr"] == "Aide au développement"
    assert fiscal["label_fr"] == "Chiffre de la page assistance-2018-2019"
    assert fiscal["value_display_en"] == "$139.93\u00a0million"
    assert fiscal["value_display_fr"] == "139,93\u00a0millions\u00a0de\u00a0dollars"
    since = rows["Seed figure assistance-since-2000"]
    assert fiscal["part_of"] == since["id"]
    assert (since["period_start"], since["period_end"]) == ("2000-01-01", "2020-06-30")
    assert (since["period_label_en"], since["period_label_fr"]) == ("since 2000", "depuis 2000")
    assert since["end_year"] == ""
    assert since["as_of"] == "2020-06-30"
    year = rows["Seed figure exports-2018"]
    assert (year["period_start"], year["period_end"]) == ("2018-01-01", "2018-12-31")
    assert year["kind"] == "trade_exports"
    assert year["kind_label_fr"] == "Commerce\u00a0: exportations"
    assert year["iati_transaction_type"] == ""
    assert since["page_url_fr"] == "http://testserver/fr/pays/mali/"
    assert since["source_url_en"].startswith("https://www.international.gc.ca/")


@pytest.mark.django_db
def test_transaction_types_follow_iati_codes(client):
    page = make_country()
    make_figure(page, label_en="paid", flow="disbursement")
    make_figure(page, label_en="promised", flow="commitment")
    make_figure(page, label_en="unstated")
    rows = {row["label_en"]: row for row in read_csv(client.get("/open-data/funding.csv"))}
    assert rows["paid"]["iati_transaction_type"] == "3"
    assert rows["promised"]["iati_transaction_type"] == "2"
    assert rows["unstated"]["iati_transaction_type"] == ""


@pytest.mark.django_db
def test_json_round_trips_to_the_stored_decimals(client, mali):
    response = client.get("/open-data/funding.json?country=ml")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="funding-ml.json"'
    document = json.loads(response.content.decode("utf-8"))
    assert document["count"] == 14
    assert document["schema"]["fr"] == "http://testserver/fr/donnees-ouvertes/"
    stored = {figure.pk: figure.amount for figure in mali.funding_figures.all()}
    for row in document["figures"]:
        assert list(row) == COLUMN_NAMES
        assert Decimal(row["value"]) == stored[row["id"]]
    amounts = sorted(Decimal(row["value"]) for row in document["figures"])
    assert amounts == sorted(stored.values())
    first = document["figures"][0]
    assert first["start_year"] == 2000
    assert first["end_year"] is None


@pytest.mark.django_db
def test_decimals_with_cents_survive_both_formats(client):
    page = make_country()
    figure = make_figure(page, amount=Decimal("1234.50"))
    csv_row = read_csv(client.get("/open-data/funding.csv"))[0]
    json_row = json.loads(client.get("/open-data/funding.json").content)["figures"][0]
    assert csv_row["value"] == json_row["value"] == "1234.50"
    assert Decimal(csv_row["value"]) == figure.amount
    assert csv_row["value_display_fr"] == "1\u00a0234,50\u00a0$"


@pytest.mark.django_db
def test_drafts_and_pages_not_yet_live_are_not_in_open_data(client):
    live = make_country()
    make_figure(live, label_en="live")
    draft = make_country(iso_code="TD", slug_en="chad", slug_fr="tchad", status="draft")
    make_figure(draft, label_en="draft")
    later = make_country(
        iso_code="NE",
        slug_en="niger",
        slug_fr="niger",
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    make_figure(later, label_en="scheduled")
    labels = [row["label_en"] for row in read_csv(client.get("/open-data/funding.csv"))]
    assert labels == ["live"]
    document = json.loads(client.get("/open-data/funding.json").content)
    assert [row["label_en"] for row in document["figures"]] == ["live"]
    assert client.get("/open-data/funding.csv?country=TD").status_code == 404
    assert client.get("/open-data/funding.json?country=NE").status_code == 404


@pytest.mark.django_db
def test_bad_country_codes_get_a_bilingual_4xx(client, mali):
    response = client.get("/open-data/funding.csv?country=mali")
    assert response.status_code == 400
    text = response.content.decode()
    assert "“mali” is not a country code" in text
    assert "«\u00a0mali\u00a0» n’est pas un code de pays" in text
    response = client.get("/open-data/funding.json?country=ZZ")
    assert response.status_code == 404
    assert "No published country page has the code ZZ." in response.content.decode()
    assert "Aucune page de pays publiée n’a le code ZZ." in response.content.decode()
    assert client.get("/open-data/funding.xml").status_code == 404
    assert client.post("/open-data/funding.csv").status_code == 405


@pytest.mark.django_db
def test_spreadsheet_formulas_in_labels_are_neutralised(client):
    page = make_country()
    make_figure(page, label_en='=HYPERLINK("http://example.com")', label_fr="+1")
    row = read_csv(client.get("/open-data/funding.csv"))[0]
    assert row["label_en"] == '\'=HYPERLINK("http://example.com")'
    assert row["label_fr"] == "'+1"


@pytest.mark.django_db
def test_open_data_query_count_is_fixed(client, django_assert_num_queries):
    for index in range(5):
        page = make_country(
            iso_code=f"A{chr(65 + index)}", slug_en=f"c{index}", slug_fr=f"c{index}"
        )
        make_seed_figures(page)
    with django_assert_num_queries(1):
        rows = read_csv(client.get("/open-data/funding.csv"))
    assert len(rows) == 70
    with django_assert_num_queries(1):
        client.get("/open-data/funding.json")
    with django_assert_num_queries(2):
        rows = read_csv(client.get("/open-data/funding.csv?country=AC"))
    assert {row["recipient_country_code"] for row in rows} == {"AC"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading", "country"),
    [
        ("/en/open-data/", "Open data: funding and trade figures", "<li>Mali (ML): <a"),
        (
            "/fr/donnees-ouvertes/",
            "Données ouvertes\u00a0: chiffres du financement et du commerce",
            "<li>Mali (ML)\u00a0: <a",
        ),
    ],
)
def test_schema_page_documents_every_column_in_both_languages(client, mali, url, heading, country):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert country in html
    # Examples in the other language say so (screen readers switch voices).
    assert (
        'ou <span lang="en">since 2000</span>.' in html
        or 'or <span lang="en">since 2000</span>.' in html
    )
    assert '<span lang="fr">depuis 2000</span>.' in html
    assert '<span lang="en">$139.93\u00a0million</span>.' in html
    assert '<span lang="fr">139,93\u00a0millions\u00a0de\u00a0dollars</span>.' in html
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in html
    assert 'href="/open-data/funding.csv?country=ML"' in html
    assert "<code>period-start/@iso-date</code>" in html


@pytest.mark.django_db
def test_downloads_answer_head_requests(client, mali):
    response = client.head("/open-data/funding.csv?country=ML")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.django_db
def test_a_more_than_amount_is_flagged_and_displayed_as_a_minimum(client):
    page = make_country()
    make_figure(page, amount=Decimal("67000000"), more_than=True, label_en="Humanitarian")
    make_figure(page, amount=Decimal("2200000"), label_en="Exact")
    rows = {row["label_en"]: row for row in read_csv(client.get("/open-data/funding.csv"))}
    assert rows["Humanitarian"]["more_than"] == "true"
    assert rows["Humanitarian"]["value"] == "67000000.00"  # the number stays the number
    assert rows["Humanitarian"]["value_display_en"] == "more than $67\u00a0million"
    assert rows["Humanitarian"]["value_display_fr"] == (
        "plus de 67\u00a0millions\u00a0de\u00a0dollars"
    )
    assert rows["Exact"]["more_than"] == "false"
    assert rows["Exact"]["value_display_en"] == "$2.2\u00a0million"
    figures = {
        figure["label_en"]: figure
        for figure in client.get("/open-data/funding.json").json()["figures"]
    }
    assert figures["Humanitarian"]["more_than"] is True
    assert figures["Exact"]["more_than"] is False
