"""The public page cache: zero queries on a hit, and never a stale page after an edit."""

import datetime
import gzip
import logging
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages import cache as page_cache_module
from pages.cache import (
    LocalTier,
    PageCacheMiddleware,
    accepts_gzip,
    cache_public_page,
    page_cache,
)
from pages.models import CountryPage, FundingFigure, Image, PageItem, ProgramArea, Section
from tests import servers
from tests.admin_forms import change_form_data, change_url
from tests.factories import (
    make_country,
    make_figure,
    make_image,
    make_item,
    make_program_area,
    make_section,
)

MALI_EN = "/en/countries/mali/"
MALI_FR = "/fr/pays/mali/"


def queries_for(client, url: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    return len(context.captured_queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("sections", [1, 30])
def test_country_page_runs_four_queries_uncached_and_none_from_cache(
    client, django_assert_num_queries, sections
):
    page = make_country()
    for number in range(sections):
        make_section(page, heading_en=f"Heading {number}")
    make_figure(page)
    make_item(page)
    with django_assert_num_queries(4):
        first = client.get(MALI_EN)
    with django_assert_num_queries(0):
        second = client.get(MALI_EN)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert f"Heading {sections - 1}".encode() in second.content


@pytest.mark.django_db
def test_english_and_french_are_cached_separately(client):
    make_country()
    client.get(MALI_EN)
    queries, french = queries_for(client, MALI_FR)
    assert queries == 4
    assert b"L'engagement du Canada au Mali" in french.content or (
        b"L&#x27;engagement du Canada au Mali" in french.content
    )
    assert queries_for(client, MALI_FR)[0] == 0
    assert queries_for(client, MALI_EN)[0] == 0


@pytest.mark.django_db
def test_home_and_program_area_pages_are_cached(client):
    make_program_area()
    make_country()
    for url in ("/en/", "/en/program-areas/humanitarian-assistance/"):
        assert client.get(url).status_code == 200
        assert queries_for(client, url)[0] == 0


@pytest.mark.django_db
def test_editing_the_page_shows_at_once(client):
    page = make_country()
    client.get(MALI_EN)
    page.title_en = "Canada and Mali, revised"
    page.save()
    queries, response = queries_for(client, MALI_EN)
    assert queries == 4
    assert b"Canada and Mali, revised" in response.content


@pytest.mark.django_db
def test_editing_a_section_shows_at_once(client):
    page = make_country()
    section = make_section(page, heading_en="Old heading")
    client.get(MALI_EN)
    section.heading_en = "New heading"
    section.save()
    response = client.get(MALI_EN)
    assert b"New heading" in response.content
    assert b"Old heading" not in response.content


@pytest.mark.django_db
def test_adding_and_deleting_a_section_shows_at_once(client):
    page = make_country()
    client.get(MALI_EN)
    section = make_section(page, heading_en="Brand new section")
    assert b"Brand new section" in client.get(MALI_EN).content
    section.delete()
    assert b"Brand new section" not in client.get(MALI_EN).content


@pytest.mark.django_db
def test_editing_and_deleting_a_funding_figure_shows_at_once(client):
    page = make_country()
    figure = make_figure(page, label_en="Assistance to Mali")
    assert b"Assistance to Mali" in client.get(MALI_EN).content
    figure.label_en = "Aid to Mali"
    figure.save()
    assert b"Aid to Mali" in client.get(MALI_EN).content
    figure.delete()
    assert b"Aid to Mali" not in client.get(MALI_EN).content


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PageItem.Kind.values)
def test_each_kind_of_item_invalidates_on_save_and_delete(client, kind):
    page = make_country()
    client.get(MALI_EN)
    item = make_item(page, kind=kind, text_en="Fresh item", url_en="https://example.org/")
    assert queries_for(client, MALI_EN)[0] == 4
    assert queries_for(client, MALI_EN)[0] == 0
    item.text_en = "Edited item"
    item.save()
    assert queries_for(client, MALI_EN)[0] == 4
    item.delete()
    assert queries_for(client, MALI_EN)[0] == 4


@pytest.mark.django_db
def test_focus_point_text_shows_at_once(client):
    page = make_country(focus_intro_en="Canada focuses on:")
    item = make_item(page, kind="focus", text_en="Peace first")
    assert b"Peace first" in client.get(MALI_EN).content
    item.text_en = "Security first"
    item.save()
    assert b"Security first" in client.get(MALI_EN).content


@pytest.mark.django_db
def test_editing_or_deleting_an_image_invalidates(client, media):
    page = make_country()
    image = make_image()
    make_section(page, image=image)
    client.get(MALI_EN)
    assert queries_for(client, MALI_EN)[0] == 0
    image.alt_text_en = "A new description"
    image.save()
    assert queries_for(client, MALI_EN)[0] == 4
    assert queries_for(client, MALI_EN)[0] == 0
    image.delete()
    assert queries_for(client, MALI_EN)[0] == 4


@pytest.mark.django_db
def test_renaming_a_program_area_shows_on_its_page_and_the_home_page(client):
    area = make_program_area()
    url = "/en/program-areas/humanitarian-assistance/"
    assert b"Humanitarian assistance" in client.get(url).content
    assert b"Humanitarian assistance" in client.get("/en/").content
    area.name_en = "Emergency relief"
    area.save()
    assert b"Emergency relief" in client.get(url).content
    assert b"Emergency relief" in client.get("/en/").content
    area.delete()
    assert client.get(url).status_code == 404
    assert b"Emergency relief" not in client.get("/en/").content


@pytest.mark.django_db
def test_unpublishing_removes_the_page_at_once(client):
    page = make_country()
    assert client.get(MALI_EN).status_code == 200
    page.status = CountryPage.Status.DRAFT
    page.save()
    assert client.get(MALI_EN).status_code == 404
    assert b"Mali" not in client.get("/en/").content


@pytest.mark.django_db
def test_deleting_the_page_removes_it_at_once(client):
    page = make_country()
    make_section(page)
    assert client.get(MALI_EN).status_code == 200
    page.delete()
    assert client.get(MALI_EN).status_code == 404


@pytest.mark.django_db
def test_queryset_update_through_models_is_the_one_path_without_signals(client):
    """Documents the limit: bulk `update()` sends no signal, so call content_changed()."""
    from pages.cache import content_changed

    make_country()
    client.get(MALI_EN)
    CountryPage.objects.update(title_en="Bulk edited")
    assert b"Bulk edited" not in client.get(MALI_EN).content
    content_changed()
    assert b"Bulk edited" in client.get(MALI_EN).content


@pytest.mark.django_db
def test_a_change_committed_after_a_render_began_is_not_stored_as_fresh(
    client, django_capture_on_commit_callbacks
):
    """The generation is set again on commit: a render that read old rows is never reused."""
    from pages.cache import GENERATION_KEY, page_cache

    make_country()
    client.get(MALI_EN)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        CountryPage.objects.get().save()
        during = page_cache().get(GENERATION_KEY)
    assert len(callbacks) == 1
    assert page_cache().get(GENERATION_KEY) != during


@pytest.mark.django_db
def test_scheduled_page_appears_in_lists_once_its_time_comes(client, monkeypatch):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    make_country(publish_at=soon)
    assert b"Canada&#x27;s engagement in Mali" not in client.get("/en/").content
    assert queries_for(client, "/en/")[0] == 0
    move_clock(monkeypatch, soon + datetime.timedelta(seconds=1))
    assert b"Canada&#x27;s engagement in Mali" in client.get("/en/").content


def move_clock(monkeypatch, later: datetime.datetime) -> None:
    """
    The site's clock and the cache's to `later`.

    Only the clocks move: entries do not expire by their timeout, so a page
    that appears does so because the schedule acted.
    """
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    monkeypatch.setattr(
        "pages.cache.time",
        SimpleNamespace(time=lambda: later.timestamp(), monotonic=time.monotonic),
    )


@pytest.mark.django_db
def test_a_worker_that_starts_learns_the_schedule_the_cache_forgot(client, monkeypatch):
    from pages.cache import GO_LIVE_KEY, learn_schedule

    soon = timezone.now() + datetime.timedelta(minutes=5)
    make_country(publish_at=soon)
    page_cache().clear()  # a restarted process, or Redis emptied
    learn_schedule()  # gunicorn's post_fork, before the worker's first request
    assert page_cache().get(GO_LIVE_KEY) == soon.timestamp()
    assert b"Canada&#x27;s engagement in Mali" not in client.get("/en/").content
    move_clock(monkeypatch, soon + datetime.timedelta(seconds=1))
    assert b"Canada&#x27;s engagement in Mali" in client.get("/en/").content


@pytest.mark.django_db
def test_a_rolled_back_edit_never_puts_off_a_go_live(client):
    from pages.cache import GO_LIVE_KEY

    soon = timezone.now() + datetime.timedelta(minutes=5)
    page = make_country(publish_at=soon)
    with pytest.raises(RuntimeError), transaction.atomic():
        page.publish_at = None  # an edit that unschedules the page...
        page.save()
        raise RuntimeError("...and is rolled back")
    assert CountryPage.objects.get().publish_at == soon
    assert page_cache().get(GO_LIVE_KEY) == soon.timestamp()


@pytest.fixture
def stamp(monkeypatch, tmp_path):
    """The stamp file processes share on the local-memory cache, in a folder of this test's."""
    from pages.cache import Stamp

    stamp = Stamp(tmp_path / "stamp")
    monkeypatch.setattr(page_cache_module, "local_stamp", lambda cache: stamp)
    return stamp


@pytest.mark.django_db
def test_a_change_made_by_another_process_is_seen_with_the_local_memory_cache(client, stamp):
    from pages.cache import GO_LIVE_KEY, Stamp

    make_country()
    make_section(CountryPage.objects.get(), heading_en="Before")
    assert b"Before" in client.get(MALI_EN).content
    assert queries_for(client, MALI_EN)[0] == 0
    # What another process does: write the rows (its signals run in its own
    # memory, not this one's), and replace the stamp file, with the go-live
    # time it read.
    Section.objects.update(heading_en="After")
    soon = (timezone.now() + datetime.timedelta(minutes=5)).timestamp()
    Stamp(stamp.path).touch(soon, exact=True)
    count, response = queries_for(client, MALI_EN)
    assert b"After" in response.content
    assert count == 4  # the page's own: the go-live time came with the stamp
    assert page_cache().get(GO_LIVE_KEY) == soon
    # This process's own changes do not make it catch up a second time.
    make_section(CountryPage.objects.get(), heading_en="Another")
    assert b"Another" in client.get(MALI_EN).content
    assert queries_for(client, MALI_EN)[0] == 0


@pytest.mark.django_db
def test_another_process_before_its_commit_only_brings_the_go_live_time_forward(client, stamp):
    from pages.cache import GO_LIVE_KEY, Stamp

    soon = timezone.now() + datetime.timedelta(minutes=5)
    make_country(publish_at=soon)
    client.get("/en/")
    Stamp(stamp.path).touch(0.0, exact=False)  # unscheduled, not yet committed
    client.get("/en/")
    assert page_cache().get(GO_LIVE_KEY) == soon.timestamp()
    Stamp(stamp.path).touch(0.0, exact=True)  # committed
    client.get("/en/")
    assert page_cache().get(GO_LIVE_KEY) == 0.0


def test_no_stamp_for_an_in_memory_database_or_without_a_temporary_directory(monkeypatch):
    from pages.cache import Stamp, stamp_for

    monkeypatch.setattr(page_cache_module, "_stamps", {})
    site = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/site.sqlite3"}
    assert stamp_for(site).path == Path("/srv/site.sqlite3.pages-stamp")  # beside it
    assert stamp_for(site) is stamp_for(dict(site))  # one per database and process
    # Nobody else can write to an in-memory database (the tests').
    assert stamp_for({**site, "NAME": ":memory:"}) is None
    assert stamp_for({**site, "NAME": "file:memorydb_default?mode=memory&cache=shared"}) is None
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "site", "HOST": "db"}
    assert isinstance(stamp_for(postgres), Stamp)  # in the temporary directory

    def no_directory():
        raise FileNotFoundError("No usable temporary directory found")

    monkeypatch.setattr("tempfile.gettempdir", no_directory)
    assert stamp_for({**postgres, "NAME": "other"}) is None  # and no error


@pytest.mark.django_db
def test_conditional_get_answers_304_on_miss_and_hit(client):
    make_country()
    first = client.get(MALI_EN)
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    assert client.get(MALI_EN, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(MALI_EN, headers={"If-None-Match": '"other"'}).status_code == 200
    CountryPage.objects.update(title_en="Changed")
    from pages.cache import content_changed

    content_changed()
    # Changed content, new ETag: the browser's copy is not confirmed.
    miss = client.get(MALI_EN, headers={"If-None-Match": etag})
    assert miss.status_code == 200
    assert miss.headers["ETag"] != etag
    assert client.get(MALI_EN, headers={"If-None-Match": miss.headers["ETag"]}).status_code == 304


@pytest.mark.django_db
def test_cached_pages_set_no_cookie_and_do_not_vary_on_cookie(client):
    make_country()
    for _ in range(2):
        response = client.get(MALI_EN)
        assert not response.cookies
        # One copy for everyone: it varies only on the encoding the browser takes.
        assert response.headers["Vary"] == "Accept-Encoding"
        assert b"csrfmiddlewaretoken" not in response.content


@pytest.mark.django_db
def test_staff_are_never_served_or_stored_in_the_cache(admin_client, client):
    make_country()
    assert queries_for(admin_client, MALI_EN)[0] > 0
    assert queries_for(admin_client, MALI_EN)[0] > 0
    # Nothing the staff member saw was stored for visitors either.
    assert queries_for(client, MALI_EN)[0] == 4


@pytest.mark.django_db
def test_head_and_get_share_one_cached_copy(client):
    make_country()
    with CaptureQueriesContext(connection) as context:
        cold = client.head(MALI_EN)
    # A HEAD that misses renders the whole page, and stores it for GETs too.
    assert len(context.captured_queries) == 4
    assert cold.status_code == 200
    queries, get = queries_for(client, MALI_EN)
    assert queries == 0
    assert b"<h1>" in get.content
    assert int(cold.headers["Content-Length"]) == len(get.content)
    assert cold.headers["ETag"] == get.headers["ETag"]
    with CaptureQueriesContext(connection) as context:
        warm = client.head(MALI_EN)
    assert len(context.captured_queries) == 0
    assert warm.content == b""
    assert warm.headers["ETag"] == get.headers["ETag"]
    assert client.head(MALI_EN, headers={"If-None-Match": get.headers["ETag"]}).status_code == 304


@pytest.mark.django_db
def test_campaign_links_are_served_the_cached_page(client):
    make_country()
    _queries, bare = queries_for(client, MALI_EN)
    for query in (
        "?utm_source=newsletter&utm_medium=email&utm_campaign=mali-2026",
        "?fbclid=IwAR0abc",
        "?gclid=abc&utm_term=",
        "?UTM_Source=x&mtm_campaign=y&pk_kwd=z",
    ):
        queries, response = queries_for(client, MALI_EN + query)
        assert queries == 0, query
        assert response.content == bare.content


@pytest.mark.django_db
def test_a_campaign_link_that_misses_stores_the_bare_pages_copy(client):
    make_country()
    queries, tagged = queries_for(client, MALI_EN + "?utm_source=visitor-tag-42")
    assert queries == 4
    queries, bare = queries_for(client, MALI_EN)
    assert queries == 0
    assert bare.content == tagged.content
    assert b"visitor-tag-42" not in bare.content


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?utm_source=x&q=peace", "?utm=1", "?s_cid=1&page=2"])
def test_other_parameters_beside_tags_still_get_a_fresh_render(client, query):
    make_country()
    client.get(MALI_EN)
    assert queries_for(client, MALI_EN + query)[0] == 4
    assert queries_for(client, MALI_EN + query)[0] == 4


@pytest.mark.django_db
def test_search_still_reads_its_terms_beside_tags(client):
    make_country()
    found = client.get("/en/search/?q=Mali&utm_source=x")
    assert found.status_code == 200
    assert f'href="{MALI_EN}"' in found.content.decode()
    # Tags alone: the search page with no terms, so no result.
    assert f'href="{MALI_EN}"' not in client.get("/en/search/?utm_source=x").content.decode()


@pytest.mark.django_db
def test_a_redirect_carries_the_tags_on(client):
    make_country()
    response = client.get("/en/countries/mali?utm_source=newsletter&fbclid=1")
    assert response.status_code == 301
    assert response["Location"] == f"{MALI_EN}?utm_source=newsletter&fbclid=1"


@pytest.mark.django_db
def test_query_strings_errors_and_posts_are_not_cached(client):
    make_country()
    assert queries_for(client, MALI_EN + "?utm=1")[0] == 4
    assert queries_for(client, MALI_EN + "?utm=1")[0] == 4
    assert queries_for(client, "/en/countries/nowhere/")[0] > 0
    assert queries_for(client, "/en/countries/nowhere/")[0] > 0
    assert client.post(MALI_EN).status_code == 405


@pytest.mark.django_db
def test_a_visitor_with_a_messages_cookie_gets_a_fresh_render(client):
    make_country()
    client.get(MALI_EN)
    client.cookies["messages"] = "anything"
    assert queries_for(client, MALI_EN)[0] == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    "personalise",
    [
        pytest.param(lambda request, response: get_token(request), id="csrf-token"),
        pytest.param(lambda request, response: str(request._csp_nonce), id="csp-nonce"),
        pytest.param(lambda request, response: response.set_cookie("seen", "1"), id="set-cookie"),
        pytest.param(
            lambda request, response: response.headers.__setitem__("Vary", "Cookie"), id="vary"
        ),
    ],
)
def test_a_response_with_anything_per_visitor_is_never_stored(personalise):
    from django.middleware.csp import ContentSecurityPolicyMiddleware
    from django.middleware.csrf import CsrfViewMiddleware

    @cache_public_page
    def view(request):
        response = HttpResponse("personal")
        personalise(request, response)
        return response

    inner = ContentSecurityPolicyMiddleware(CsrfViewMiddleware(view))
    middleware = PageCacheMiddleware(inner)
    factory = RequestFactory()
    for _ in range(2):
        request = factory.get("/en/personal/")
        middleware(request)
        assert request.page_cache == "skip"


@pytest.mark.django_db
def test_pages_still_render_when_the_cache_is_down(client, settings):
    make_country()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get(MALI_EN)
    assert response.status_code == 200
    # Saving content still works; the failed invalidation is logged.
    page = CountryPage.objects.get()
    page.title_en = "Saved while the cache was down"
    page.save()
    assert b"Saved while the cache was down" in client.get(MALI_EN).content


DEAD_REDIS = servers.DEAD_REDIS


@pytest.mark.django_db
def test_after_a_cache_failure_pages_skip_the_cache_for_a_while_then_try_again(
    client, settings, caplog
):
    from django.core.cache import caches

    make_country()
    settings.CACHES = DEAD_REDIS
    caplog.set_level(logging.INFO)
    outcomes = []
    try:
        for _ in range(3):
            assert client.get(MALI_EN).status_code == 200
            outcomes.append(caplog.records[-1].getMessage().rsplit("cache=", 1)[1])
        # One failure, logged once with its traceback; then no call to Redis.
        failures = [r for r in caplog.records if "Page cache unavailable" in r.getMessage()]
        assert len(failures) == 1 and failures[0].exc_info
        assert outcomes == ["down", "down", "down"]
        # CACHE_RETRY_SECONDS later:
        page_cache_module.breaker(caches["default"]).until = time.monotonic()
        assert client.get(MALI_EN).status_code == 200
        failures = [r for r in caplog.records if "Page cache unavailable" in r.getMessage()]
        assert len(failures) == 2  # tried again once the time was up
    finally:
        page_cache_module._local_tiers.clear()


def test_each_redis_call_waits_at_most_django_redis_timeout(tmp_path):
    """A Redis that accepts connections and never answers holds a call for REDIS_TIMEOUT only."""
    script = (
        "import time\n"
        "from django.core.cache import cache\n"
        "started = time.monotonic()\n"
        "try:\n"
        "    cache.get('anything')\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, round(time.monotonic() - started, 2))\n"
    )
    database = servers.Database(url=f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    with servers.HungServer() as hung:
        env = servers.production_env(
            database,
            tmp_path / "static",
            tmp_path / "media",
            REDIS_URL=f"redis://127.0.0.1:{hung.port}/0",
            DJANGO_REDIS_TIMEOUT="0.3",
        )
        error, waited = servers.python(script, env).split()
    assert error == "TimeoutError"
    assert hung.accepted == 1
    assert 0.3 <= float(waited) < 1.5  # redis-py's own default is 5 s


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_redis_timeout_that_is_not_a_positive_number_is_refused_at_start(tmp_path, value):
    database = servers.Database(url=f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    env = servers.production_env(
        database, tmp_path / "static", tmp_path / "media", DJANGO_REDIS_TIMEOUT=value
    )
    with pytest.raises(AssertionError, match="DJANGO_REDIS_TIMEOUT must be a number of seconds"):
        servers.manage("check", env=env)


def shared_redis(prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "pages.cache.ReusedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/4",
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.mark.skipif(not servers.redis_available(), reason="needs Redis on 6379")
@pytest.mark.django_db
def test_an_edit_saved_while_redis_was_unreachable_shows_once_it_answers_again(client, settings):
    page = make_country()
    reachable = shared_redis(servers.unique_prefix())
    settings.CACHES = reachable
    try:
        assert client.get(MALI_EN).content == client.get(MALI_EN).content  # stored, then a hit
        # This process loses Redis (a network fault) while an editor saves...
        settings.CACHES = DEAD_REDIS
        page.title_en = "Edited while Redis was unreachable"
        page.save()
        assert page_cache_module.invalidation_owed.is_set()
        # ...and reaches it again, where the old copy is still stored.
        settings.CACHES = reachable
        assert b"Edited while Redis was unreachable" in client.get(MALI_EN).content
        assert not page_cache_module.invalidation_owed.is_set()
        assert b"Edited while Redis was unreachable" in client.get(MALI_EN).content
    finally:
        for tier in page_cache_module._local_tiers.values():
            tier.close()
        page_cache_module._local_tiers.clear()


@pytest.mark.django_db
def test_a_save_with_many_rows_waits_for_a_hung_redis_once(
    settings, django_capture_on_commit_callbacks
):
    page = make_country()
    sections = [make_section(page, heading_en=f"Area {n}") for n in range(6)]
    with servers.HungServer() as hung:
        settings.CACHES = {
            "default": {
                "BACKEND": "pages.cache.ReusedClientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{hung.port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
            }
        }
        started = time.monotonic()
        with (
            django_capture_on_commit_callbacks(execute=True) as after_commit,
            transaction.atomic(),
        ):
            page.save()
            for section in sections:
                section.save()
        waited = time.monotonic() - started
        assert len(after_commit) == 7  # and 7 at once: 14 invalidations
        assert hung.accepted == 1  # one call waited
    assert waited < 2  # each would wait 0.3 s without the breaker
    assert page_cache_module.invalidation_owed.is_set()


@pytest.mark.django_db
def test_the_editor_is_told_when_a_save_could_not_refresh_the_public_pages(settings):
    page = make_country(status=CountryPage.Status.DRAFT)
    editor = Client()
    editor.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    data = change_form_data(editor, change_url(page))
    settings.CACHES = DEAD_REDIS
    data["title_en"] = "Saved while the cache was down"
    response = editor.post(change_url(page), data, follow=True)
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.title_en == "Saved while the cache was down"
    shown = [str(message) for message in response.context["messages"]]
    assert any("the public pages could not be refreshed" in text for text in shown), shown
    assert any("10 minutes at most" in text for text in shown), shown
    # A save that refreshed them says nothing of the kind.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    data = change_form_data(editor, change_url(page))
    data["title_en"] = "Saved with the cache up"
    response = editor.post(change_url(page), data, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert shown and not any("could not be refreshed" in text for text in shown)


@pytest.mark.django_db
def test_only_one_spelling_of_a_host_is_stored(client, settings):
    # Django accepts any case, a trailing dot and any port for an allowed
    # host; storing each would let anyone fill the cache with copies.
    make_country()
    settings.ALLOWED_HOSTS = ["www.example.ca"]
    outcomes = {}
    for host in ("www.example.ca", "WWW.Example.ca", "www.example.ca.", "www.example.ca:8081"):
        answers = [client.get(MALI_EN, HTTP_HOST=host) for _ in range(2)]
        assert [answer.status_code for answer in answers] == [200, 200]
        outcomes[host] = [answer.wsgi_request.page_cache for answer in answers]
    assert outcomes == {
        "www.example.ca": ["miss", "hit"],
        "WWW.Example.ca": ["bypass", "bypass"],
        "www.example.ca.": ["bypass", "bypass"],
        "www.example.ca:8081": ["bypass", "bypass"],
    }

    def outcome(host: str, **meta) -> str:
        return client.get(MALI_EN, HTTP_HOST=host, **meta).wsgi_request.page_cache

    # The scheme's own port (a proxy sending `Host: example.ca:443`): stored.
    assert outcome("www.example.ca:443", secure=True) == "miss"
    assert outcome("www.example.ca:443", secure=True) == "hit"
    # The port the server listens on, over TCP: stored.
    assert outcome("www.example.ca:8081", SERVER_PORT="8081") == "miss"
    # Over a unix socket gunicorn copies SERVER_PORT from Host and leaves
    # REMOTE_ADDR empty: any port would pass, so none is stored.
    assert outcome("www.example.ca:8082", SERVER_PORT="8082", REMOTE_ADDR="") == "bypass"


def test_every_content_model_invalidates_and_feedback_does_not():
    from pages.models import FeedbackReport
    from pages.signals import is_content

    for model in (CountryPage, Section, FundingFigure, PageItem, Image, ProgramArea):
        assert is_content(model)
    assert not is_content(FeedbackReport)


@pytest.mark.django_db
def test_reindexing_for_search_starts_no_new_generation(client, monkeypatch):
    from pages import signals
    from pages.models import SearchEntry
    from pages.search import index_pages

    page = make_country()
    for order in range(5):
        make_section(page, order=order)
    calls = []
    monkeypatch.setattr(signals, "content_changed", lambda **kwargs: calls.append(kwargs))
    SearchEntry.objects.filter(page=page).delete()
    index_pages([page.pk])
    assert SearchEntry.objects.filter(page=page).exists()
    assert calls == []
    # Which is right only while the search page (the one showing entries) is never stored.
    for _ in range(2):
        response = client.get("/en/search/", {"q": "Mali"})
        assert response.status_code == 200
        assert "ETag" not in response.headers


@pytest.mark.django_db
@pytest.mark.parametrize("attempt", ["miss", "hit"])
def test_browsers_that_take_gzip_get_the_page_gzipped_with_its_own_etag(client, attempt):
    make_country()
    if attempt == "hit":
        client.get(MALI_EN)
    plain = client.get(MALI_EN)
    packed = client.get(MALI_EN, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed.headers["Content-Length"]) == len(packed.content) < len(plain.content) / 2
    assert packed.headers["Vary"] == plain.headers["Vary"] == "Accept-Encoding"
    assert packed.headers["ETag"] == plain.headers["ETag"][:-1] + '-gzip"'
    # Each representation is confirmed by its own validator only.
    gzip_etag = {"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
    assert client.get(MALI_EN, headers=gzip_etag).status_code == 304
    assert client.get(MALI_EN, headers={"If-None-Match": packed.headers["ETag"]}).status_code == 200


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("GZIP", True),
        ("*", True),
        ("gzip;q=0", False),
        ("*;q=0.5, gzip;q=0", False),
        ("identity", False),
        ("br", False),
        ("gzip;q=nonsense", False),
        ("", False),
    ],
)
def test_accept_encoding_is_read_with_its_qualities(header, accepted):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=header)
    assert accepts_gzip(request) is accepted


@pytest.mark.django_db
def test_responses_that_are_not_cached_are_never_compressed(admin_client):
    make_country()
    response = admin_client.get(MALI_EN, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


# With Redis: each process keeps the pages it serves in memory (LocalTier),
# kept current by Redis pub/sub.

needs_redis = pytest.mark.skipif(not servers.redis_available(), reason="needs Redis on 6379")
REDIS_LOCATION = "redis://127.0.0.1:6379/11"


@pytest.fixture
def redis_pages(settings):
    """The page cache in Redis, as in production with several app servers."""
    prefix = servers.unique_prefix()
    settings.CACHES = {
        "default": {
            "BACKEND": "pages.cache.ReusedClientRedisCache",
            "LOCATION": REDIS_LOCATION,
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    page_cache().clear()
    for tier in page_cache_module._local_tiers.values():
        tier.close()
    page_cache_module._local_tiers.clear()


def another_app_server_starts_a_generation(prefix: str) -> None:
    """What an edit on another app server does to the cache, from a process of its own."""
    env = {
        **servers.base_env(),
        "DJANGO_DEBUG": "1",
        "REDIS_URL": REDIS_LOCATION,
        "DJANGO_CACHE_PREFIX": prefix,
    }
    servers.python("from pages.cache import new_generation; new_generation()", env)


def refuse(*args, **kwargs):
    raise AssertionError("Redis was asked")


@needs_redis
@pytest.mark.django_db
def test_with_redis_a_hit_is_answered_from_process_memory(client, redis_pages, monkeypatch):
    make_country()
    monkeypatch.setattr(LocalTier, "CONFIRM_SECONDS", 3600)
    first = client.get(MALI_EN)
    assert first.wsgi_request.page_cache == "miss"
    cache = page_cache()
    monkeypatch.setattr(cache, "get_many", refuse)
    monkeypatch.setattr(cache, "get", refuse)
    again = client.get(MALI_EN)
    assert again.wsgi_request.page_cache == "hit"
    assert again.content == first.content
    # French is its own entry: asked from Redis once, then from memory.
    monkeypatch.undo()
    monkeypatch.setattr(LocalTier, "CONFIRM_SECONDS", 3600)
    french = client.get(MALI_FR)
    monkeypatch.setattr(cache, "get_many", refuse)
    monkeypatch.setattr(cache, "get", refuse)
    assert client.get(MALI_FR).content == french.content


@needs_redis
def test_a_subscription_is_confirmed_before_it_is_used(redis_pages):
    subscription = page_cache().subscribe(page_cache_module.GENERATION_KEY)
    try:
        # Its confirmation was read: nothing left over to look like a change.
        time.sleep(0.05)
        assert subscription.get_message(timeout=0.0) is None
        page_cache().publish(page_cache_module.GENERATION_KEY, "g2")
        message = subscription.get_message(timeout=2.0)
        assert message["type"] == "message" and message["data"] == b"g2"
    finally:
        subscription.close()


@needs_redis
def test_an_unconfirmed_subscription_is_closed_and_refused(redis_pages, monkeypatch):
    closed = []
    real_pubsub = redis.client.PubSub
    monkeypatch.setattr(real_pubsub, "get_message", lambda self, **kwargs: None)
    monkeypatch.setattr(real_pubsub, "close", lambda self: closed.append(self))
    with pytest.raises(TimeoutError):
        page_cache().subscribe(page_cache_module.GENERATION_KEY, timeout=0.1)
    assert len(closed) == 1


@needs_redis
@pytest.mark.django_db
def test_an_edit_on_another_app_server_reaches_this_one_at_once(client, redis_pages, monkeypatch):
    page = make_country(title_en="Before")
    # Only the published message can tell this process: no periodic re-read.
    monkeypatch.setattr(LocalTier, "CONFIRM_SECONDS", 3600)
    assert b"Before" in client.get(MALI_EN).content
    assert client.get(MALI_EN).wsgi_request.page_cache == "hit"
    # The row changes without this process's signals, as on another server.
    CountryPage.objects.filter(pk=page.pk).update(title_en="After, from elsewhere")
    assert b"Before" in client.get(MALI_EN).content  # nobody said anything yet
    another_app_server_starts_a_generation(redis_pages)
    # Delivery takes microseconds, but a busy machine can delay it: wait for
    # the message to reach this process's socket instead of racing it.
    assert page_cache_module.local_tier().subscription.connection.can_read(timeout=5)
    fresh = client.get(MALI_EN)
    assert fresh.wsgi_request.page_cache == "miss"
    assert b"After, from elsewhere" in fresh.content


@needs_redis
@pytest.mark.django_db
def test_an_edit_here_shows_at_once_with_the_local_tier(client, redis_pages):
    page = make_country(title_en="Before")
    assert b"Before" in client.get(MALI_EN).content
    page.title_en = "After"
    page.save()
    assert b"After" in client.get(MALI_EN).content
    assert client.get(MALI_EN).wsgi_request.page_cache == "hit"


@needs_redis
@pytest.mark.django_db
def test_a_silent_subscription_keeps_a_page_at_most_a_second(client, redis_pages, monkeypatch):
    page = make_country(title_en="Before")
    monkeypatch.setattr(LocalTier, "CONFIRM_SECONDS", 0.3)
    assert b"Before" in client.get(MALI_EN).content
    tier = page_cache_module.local_tier()
    assert tier.subscription is not None
    # A network fault that drops messages without closing the connection.
    monkeypatch.setattr(tier.subscription, "get_message", lambda **kwargs: None)
    CountryPage.objects.filter(pk=page.pk).update(title_en="After")
    page_cache().set(page_cache_module.GENERATION_KEY, "set-without-a-message", timeout=None)
    time.sleep(0.35)
    assert b"After" in client.get(MALI_EN).content


@needs_redis
@pytest.mark.django_db
def test_a_broken_subscription_falls_back_to_redis_and_comes_back(client, redis_pages, monkeypatch):
    page = make_country(title_en="Before")
    monkeypatch.setattr(LocalTier, "CONFIRM_SECONDS", 3600)
    monkeypatch.setattr(LocalTier, "RETRY_SECONDS", 0.2)
    assert b"Before" in client.get(MALI_EN).content
    tier = page_cache_module.local_tier()

    def broken(**kwargs):
        raise redis.ConnectionError("connection reset")

    monkeypatch.setattr(tier.subscription, "get_message", broken)
    CountryPage.objects.filter(pk=page.pk).update(title_en="Changed while broken")
    another_app_server_starts_a_generation(redis_pages)
    assert b"Changed while broken" in client.get(MALI_EN).content
    assert tier.subscription is None  # asking Redis on every request meanwhile
    assert tier.state() is None
    time.sleep(0.25)
    CountryPage.objects.filter(pk=page.pk).update(title_en="Subscribed again")
    another_app_server_starts_a_generation(redis_pages)
    assert b"Subscribed again" in client.get(MALI_EN).content
    assert tier.subscription is not None
    assert client.get(MALI_EN).wsgi_request.page_cache == "hit"


@needs_redis
@pytest.mark.django_db
def test_redis_down_with_the_local_tier_still_renders(client, settings):
    make_country()
    settings.CACHES = {
        "default": {
            "BACKEND": "pages.cache.ReusedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    try:
        assert client.get(MALI_EN).status_code == 200
        assert client.get(MALI_EN).status_code == 200
    finally:
        page_cache_module._local_tiers.clear()


def entry(generation: str, size: int, expires: float | None = None) -> tuple:
    return (
        generation,
        time.time() + 600 if expires is None else expires,
        200,
        [],
        True,
        b"x" * size,
    )


def test_process_memory_keeps_no_page_longer_than_redis_would():
    # A lost invalidation (Redis unreachable from the editor's server) must
    # not keep a page in any process's memory past PAGE_CACHE_SECONDS.
    tier = LocalTier(cache=None, max_bytes=100)
    tier.generation = "g1"
    tier.put("fresh", entry("g1", 10))
    tier.put("expired", entry("g1", 10, expires=time.time() - 1))
    assert tier.get("fresh", "g1") is not None
    assert tier.get("expired", "g1") is None
    assert "expired" not in tier.entries and tier.size == 10


def test_a_breaker_tripped_in_one_thread_holds_for_the_others(settings):
    from django.core.cache import caches

    settings.CACHES = DEAD_REDIS
    page_cache_module.breaker(caches["default"]).trip()
    seen = []
    # Each thread has cache objects of its own (runserver: one per connection).
    thread = threading.Thread(
        target=lambda: seen.append(page_cache_module.breaker(caches["default"]).is_open())
    )
    thread.start()
    thread.join()
    assert seen == [True]


def test_process_memory_is_bounded_least_recently_used_out_first():
    tier = LocalTier(cache=None, max_bytes=100)
    tier.generation = "g1"
    tier.put("a", entry("g1", 40))
    tier.put("b", entry("g1", 40))
    assert tier.get("a", "g1") is not None  # "b" is now the least recently used
    tier.put("c", entry("g1", 40))
    assert tier.get("b", "g1") is None
    assert tier.get("a", "g1") is not None and tier.get("c", "g1") is not None
    assert tier.size == 80
    tier.put("huge", entry("g1", 101))
    assert tier.get("huge", "g1") is None
    # Only the current generation is kept, and a new one empties the memory.
    tier.put("old", entry("g0", 10))
    assert tier.get("old", "g0") is None
    tier.set_generation("g2", None)
    assert tier.size == 0 and tier.get("a", "g1") is None


@needs_redis
def test_a_forked_process_subscribes_on_its_own(redis_pages, monkeypatch):
    parent = page_cache_module.local_tier()
    assert page_cache_module.local_tier() is parent
    monkeypatch.setattr(page_cache_module.os, "getpid", lambda: parent.pid + 1)
    child = page_cache_module.local_tier()
    assert child is not parent and child.subscription is None


def test_the_local_tier_is_off_without_redis_or_when_set_to_zero(settings):
    assert page_cache_module.local_tier() is None  # the tests' local-memory cache
    settings.CACHES = {
        "default": {"BACKEND": "pages.cache.ReusedClientRedisCache", "LOCATION": REDIS_LOCATION}
    }
    settings.PAGE_CACHE_LOCAL_BYTES = 0
    assert page_cache_module.local_tier() is None
