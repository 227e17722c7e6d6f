"""Queries compiled once and run with other values (pages/prepared.py), and the country page's."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.db.models import DateTimeField, IntegerField
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import CountryPage, FundingFigure
from pages.prepared import PreparedRows, Slot
from pages.rows import rows_queryset
from pages.views.public import _find_by_slug, country_page_queryset, find_published_page
from tests.factories import make_country, make_figure, make_image, make_senegal

pytestmark = pytest.mark.django_db


def figures_query(calls: list) -> PreparedRows:
    def build():
        calls.append(1)
        return rows_queryset(
            FundingFigure, "pk", "amount", "more_than", "as_of", "page__updated_at"
        ).filter(page_id=Slot("page", IntegerField()))

    return PreparedRows(build)


def test_rows_are_those_of_the_queryset_converters_included():
    mali, senegal = make_country(), make_senegal()
    make_figure(mali, amount=Decimal("139930000.50"), as_of=datetime.date(2020, 6, 30))
    make_figure(mali, more_than=True)
    make_figure(senegal, amount=Decimal("7"))
    calls = []
    query = figures_query(calls)
    for page in (mali, senegal):
        expected = list(
            FundingFigure.objects.order_by("pk")
            .values_list("pk", "amount", "more_than", "as_of", "page__updated_at")
            .filter(page_id=page.pk)
        )
        assert sorted(query(page=page.pk)) == expected
    rows = sorted(query(page=mali.pk))
    # Decimals, booleans, dates and aware datetimes, as the ORM gives them on either database.
    assert rows[0][1] == Decimal("139930000.50") and isinstance(rows[0][1], Decimal)
    assert rows[1][2] is True and rows[0][2] is False
    assert rows[0][3] == datetime.date(2020, 6, 30)
    assert timezone.is_aware(rows[0][4])
    assert query(page=0) == []
    # Built and compiled once, however often it runs.
    assert calls == [1]


def test_each_run_is_one_logged_query_with_its_own_values():
    page = make_country()
    make_figure(page)
    query = figures_query([])
    query(page=page.pk)
    with CaptureQueriesContext(connection) as captured:
        query(page=page.pk)
        query(page=page.pk + 1)
    assert len(captured) == 2
    assert str(page.pk) in captured[0]["sql"] and str(page.pk + 1) in captured[1]["sql"]


def test_a_slot_is_prepared_as_its_field_would_be():
    # A datetime becomes text on SQLite and stays a datetime on PostgreSQL:
    # either way it compares as the ORM's own filter does.
    page = make_country(publish_at=timezone.now() + datetime.timedelta(hours=1))
    query = PreparedRows(
        lambda: rows_queryset(CountryPage, "pk").filter(
            publish_at__lte=Slot("now", DateTimeField())
        )
    )
    assert query(now=timezone.now()) == []
    assert query(now=timezone.now() + datetime.timedelta(hours=2)) == [(page.pk,)]
    # Minutes either side, and a time in another zone than UTC (TIME_ZONE is
    # Toronto's): compared as instants, as the ORM would.
    go_live = CountryPage.objects.get().publish_at
    local = timezone.localtime(go_live)
    assert query(now=local - datetime.timedelta(minutes=1)) == []
    assert query(now=local + datetime.timedelta(minutes=1)) == [(page.pk,)]
    assert query(now=local) == [(page.pk,)]


def test_a_missing_or_unknown_value_is_an_error_not_a_guess():
    query = figures_query([])
    with pytest.raises(TypeError, match=r"values for \['page'\], got \[\]"):
        query()
    with pytest.raises(TypeError, match=r"got \['page', 'slug'\]"):
        query(page=1, slug="mali")


def test_a_time_fixed_in_the_sql_is_refused():
    # The SQL outlives the request that compiled it: a time in it would stay that time.
    query = PreparedRows(lambda: rows_queryset(CountryPage, "pk").published())
    with pytest.raises(ValueError, match="times as Slots"):
        query()


@pytest.mark.django_db(transaction=True)
def test_converters_are_those_of_the_connection_that_runs_the_query():
    import threading

    page = make_country()
    make_figure(page, amount=Decimal("12.50"))
    query = figures_query([])
    here = query(page=page.pk)
    there = []

    def run():
        try:
            there.extend(query(page=page.pk))
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert there == here and isinstance(there[0][1], Decimal)
    assert len(query._converters) <= 2


def test_only_plain_column_rows_are_taken():
    # modeltranslation's rewriting puts the columns in another order than
    # values_list() was given: rows read by position would be wrong.
    rewritten = PreparedRows(lambda: FundingFigure.objects.values_list("pk", "amount"))
    dicts = PreparedRows(lambda: rows_queryset(FundingFigure, "pk").values("pk"))
    everything = PreparedRows(lambda: rows_queryset(FundingFigure).values_list())
    for query in (rewritten, dicts, everything):
        with pytest.raises(ValueError, match="values_list"):
            query()


def public_lookup(language: str, slug: str):
    return _find_by_slug(country_page_queryset().published(), language, slug)


def loaded(page: CountryPage) -> dict:
    fields = CountryPage._meta.concrete_fields
    deferred = page.get_deferred_fields()
    return {f.attname: getattr(page, f.attname) for f in fields if f.attname not in deferred}


@pytest.mark.parametrize(
    ("language", "slug", "matched"),
    [("en", "mali", "en"), ("fr", "mali-fr", "fr"), ("en", "mali-fr", "fr"), ("fr", "x", "")],
)
def test_published_page_is_the_one_the_orm_finds(language, slug, matched):
    image = make_image()
    make_country(slug_fr="mali-fr", hero_image=image, intro_en="<p>Intro</p>")
    make_senegal(status=CountryPage.Status.DRAFT)
    page, code = find_published_page(language, slug)
    expected, expected_code = public_lookup(language, slug)
    assert code == expected_code == matched
    if not matched:
        assert page is None and expected is None
        return
    # The columns the old query's only() loaded, less the original columns of
    # translated fields (title, slug...), which modeltranslation never reads.
    originals = {"title", "slug", "intro", "focus_intro", "outro", "one_language_reason"}
    assert loaded(page) == {k: v for k, v in loaded(expected).items() if k not in originals}
    # The columns the page shows are all there: reading them costs no query.
    with CaptureQueriesContext(connection) as captured:
        assert page.title == expected.title
        assert page.intro == expected.intro
        assert page.get_absolute_url("fr") == "/fr/pays/mali-fr/"
        assert page.is_available_in("fr")
        assert page.hero_image.pk == image.pk
        assert page.hero_image.alt == expected.hero_image.alt
        assert page.hero_image.src == expected.hero_image.src
    assert len(captured) == 0


def test_published_page_waits_for_its_go_live_time():
    make_country(publish_at=timezone.now() + datetime.timedelta(minutes=5))
    assert find_published_page("en", "mali") == (None, "")
    CountryPage.objects.update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    page, code = find_published_page("en", "mali")
    assert page is not None and code == "en"


def test_go_live_is_the_time_of_the_request_not_of_the_first_one():
    real = timezone.now()
    make_country(publish_at=real + datetime.timedelta(hours=1))
    assert find_published_page("en", "mali") == (None, "")
    later = real + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page, code = find_published_page("en", "mali")
    assert page is not None and code == "en"


def test_published_page_without_hero_image_reads_none_without_a_query():
    make_country()
    page, _code = find_published_page("en", "mali")
    with CaptureQueriesContext(connection) as captured:
        assert page.hero_image is None
    assert len(captured) == 0


def test_this_languages_slug_wins_over_the_others():
    # Senegal's French slug is Mali's English one: /en/countries/mali/ is Mali.
    mali = make_country(slug_fr="mali-fr")
    make_senegal(slug_fr="mali", slug_en="senegal")
    assert find_published_page("en", "mali") == (mali, "en")
    page, code = find_published_page("fr", "mali")
    assert page.iso_code == "SN" and code == "fr"
