"""Production: /healthz, request logs, real gunicorn servers, scale-out, backups, migrations."""

import contextlib
import html as html_lib
import http.client
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from tests import servers
from tests.servers import Database, Server, manage, production_env, python

MALI_EN = "/en/countries/mali/"
MALI_FR = "/fr/pays/mali/"


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("something broke")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [path("boom/", boom), path("forbidden/", forbidden)]


# --- /healthz ---------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_is_200_json_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_a_balancer_probing_by_address_and_nothing_else_does(client):
    # AWS and others send the target's own address as Host.
    probe = client.get("/healthz", HTTP_HOST="10.0.1.23:8000")
    assert probe.status_code == 200
    assert probe.json()["status"] == "ok"
    assert probe.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/en/", HTTP_HOST="10.0.1.23:8000").status_code == 400


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch, tmp_path):
    monkeypatch.setattr("pages.views.health.connection", servers.unreachable_connection(tmp_path))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}


# --- Logs -------------------------------------------------------------------


@pytest.mark.django_db
def test_one_log_line_per_request_without_query_string_or_address(client, caplog):
    caplog.set_level(logging.INFO, logger="engagement.requests")
    client.get("/en/?q=jane.doe@example.org", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Agent/1")
    lines = [r.getMessage() for r in caplog.records if r.name == "engagement.requests"]
    assert len(lines) == 1
    assert re.fullmatch(r"GET /en/ 200 \d+\.\dms cache=\w+", lines[0])
    text = caplog.text
    assert "jane.doe" not in text
    assert "203.0.113.9" not in text
    assert "Agent/1" not in text


@pytest.mark.django_db
def test_a_path_cannot_forge_a_log_line(client, caplog):
    caplog.set_level(logging.INFO, logger="engagement.requests")
    client.get("/en/x%0A2026-12-03 INFO engagement.requests GET /admin/ 200 1.0ms")
    client.get("/en/" + "é" * 400)
    lines = [r.getMessage() for r in caplog.records if r.name == "engagement.requests"]
    assert len(lines) == 2
    assert all("\n" not in line and line.isascii() for line in lines)
    assert lines[0].startswith("GET /en/x\\n2026-12-03 INFO")
    assert "..." in lines[1] and len(lines[1]) < 400


@pytest.mark.django_db
def test_cache_outcome_is_in_the_log_line(client, caplog):
    from tests.factories import make_country

    make_country()
    caplog.set_level(logging.INFO, logger="engagement.requests")
    client.get(MALI_EN)
    client.get(MALI_EN)
    lines = [r.getMessage() for r in caplog.records if r.name == "engagement.requests"]
    assert lines[0].endswith("cache=miss")
    assert lines[1].endswith("cache=hit")


@pytest.mark.urls("tests.test_production")
def test_errors_are_logged_with_their_traceback(client, caplog):
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)
    response = client.get("/boom/")
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.name == "django.request"]
    assert errors and errors[0].levelno == logging.ERROR
    assert errors[0].exc_info and "something broke" in str(errors[0].exc_info[1])
    lines = [r.getMessage() for r in caplog.records if r.name == "engagement.requests"]
    assert re.fullmatch(r"GET /boom/ 500 \d+\.\dms cache=skip", lines[0])


@pytest.mark.urls("tests.test_production")
def test_client_errors_log_one_line_not_a_warning_each(client, caplog):
    caplog.set_level(logging.INFO)
    assert client.get("/forbidden/").status_code == 403
    assert [r.name for r in caplog.records] == ["engagement.requests"]


# --- Real gunicorn servers --------------------------------------------------


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    env = production_env(Database(url="sqlite:///unused.sqlite3"), root, root / "media")
    manage("collectstatic", "--noinput", env=env)
    return root


@pytest.fixture
def site(tmp_path, static_root):
    """A production-mode site with its own migrated, seeded database."""
    database = Database.create(tmp_path, "srv")
    env = production_env(database, static_root, tmp_path / "media")
    manage("migrate", "--noinput", env=env)
    python(servers.SEED_SCRIPT, env)
    yield env
    database.drop()


needs_redis = pytest.mark.skipif(
    not servers.redis_available(), reason="needs the Redis server on 127.0.0.1:6379"
)


def raw_head(port: int, path: str) -> bytes:
    """All the bytes gunicorn sends for a HEAD request: its headers, and nothing after them."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Forwarded-Proto: https\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def test_gunicorn_serves_cached_pages_static_files_and_health(site, tmp_path):
    log = tmp_path / "gunicorn.log"
    with Server(site, log, workers=1) as server:
        health = server.get("/healthz", https=False)
        assert health.status == 200
        assert json.loads(health.body)["status"] == "ok"
        # Load balancers and uptime monitors may probe with HEAD.
        assert raw_head(server.port, "/healthz").startswith(b"HTTP/1.1 200 ")

        plain = server.get(MALI_EN, https=False)
        assert plain.status == 301
        assert plain.header("Location") == f"https://127.0.0.1:{server.port}{MALI_EN}"

        first = server.get(MALI_EN)
        second = server.get(MALI_EN)
        assert first.status == second.status == 200
        assert first.body == second.body
        assert b"Area 7" in first.body
        assert first.cookies == second.cookies == []
        for response in (first, second):
            assert response.header("Strict-Transport-Security").startswith("max-age=31536000")
            assert "frame-ancestors 'none'" in response.header("Content-Security-Policy")
            assert "upgrade-insecure-requests" in response.header("Content-Security-Policy")
            assert response.header("X-Content-Type-Options") == "nosniff"
            assert response.header("Cross-Origin-Opener-Policy") == "same-origin"
            assert response.header("Referrer-Policy") == "strict-origin-when-cross-origin"
        etag = second.header("ETag")
        assert server.get(MALI_EN, headers={"If-None-Match": etag}).status == 304
        # HEAD: the cached page's headers, its length, and no body on the wire.
        head = raw_head(server.port, MALI_EN)
        headers, _, after = head.partition(b"\r\n\r\n")
        assert headers.startswith(b"HTTP/1.1 200 ")
        assert f"Content-Length: {len(first.body)}".encode() in headers
        assert f"ETag: {etag}".encode() in headers
        assert after == b""

        stylesheet = re.search(rb'href="(/static/pages/site\.[0-9a-f]{12}\.css)"', first.body)
        assert stylesheet, "the page links the hashed stylesheet"
        css = server.get(stylesheet.group(1).decode(), headers={"Accept-Encoding": "gzip"})
        assert css.status == 200
        assert "immutable" in css.header("Cache-Control")
        assert "max-age=315360000" in css.header("Cache-Control")
        assert css.header("Content-Encoding") == "gzip"

        assert server.get(MALI_EN + "?q=jane.doe@example.org").status == 200
        assert server.get("/en/countries/nowhere/").status == 404
        # A malformed request: gunicorn answers 400 itself, and logs it.
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(b"POST /en/report-problem/ HTTP/1.1\r\nContent-Length: abc\r\n\r\n")
            assert sock.recv(65536).startswith(b"HTTP/1.1 400 ")

    text = log.read_text()
    invalid = [line for line in text.splitlines() if "Invalid request from" in line]
    assert invalid and all("127.0.0.1" not in line for line in invalid)  # no visitor's address
    requests = [line for line in text.splitlines() if "engagement.requests" in line]
    assert any(f"GET {MALI_EN} 200" in line and "cache=miss" in line for line in requests)
    assert any(f"GET {MALI_EN} 200" in line and "cache=hit" in line for line in requests)
    assert any(f"GET {MALI_EN} 304" in line for line in requests)
    assert any(f"HEAD {MALI_EN} 200" in line and "cache=hit" in line for line in requests)
    assert any("GET /en/countries/nowhere/ 404" in line for line in requests)
    assert "jane.doe" not in text
    assert "Control socket" not in text  # none: see engagement/gunicorn.conf.py
    assert "127.0.0.1" not in "".join(requests)
    assert servers.SECRET_KEY not in text


SCHEDULE = """
import datetime
from django.utils import timezone
from tests.factories import make_country
make_country(
    iso_code="%(code)s", name_en="%(name)s", name_fr="%(name)s", title_en="Canada and %(name)s",
    title_fr="Le Canada et %(name)s", slug_en="%(slug)s", slug_fr="%(slug)s",
    publish_at=timezone.now() + datetime.timedelta(seconds=%(seconds)s),
)
"""


def test_without_redis_changes_by_other_processes_are_served_at_once(site, tmp_path):
    # The local-memory default: one worker, and management commands or a
    # shell in processes of their own (pages.cache.Stamp tells the worker).
    before = time.monotonic()
    python(SCHEDULE % {"code": "SN", "name": "Senegal", "slug": "senegal", "seconds": 6}, site)
    # Due between these two moments (the script took its time to start).
    senegal_earliest, senegal_due = before + 6, time.monotonic() + 6
    log = tmp_path / "gunicorn.log"
    with Server(site, log, workers=1) as server:
        # Scheduled before the server started: the worker read the time when
        # it started (gunicorn's post_fork), so the home page it caches
        # meanwhile is not kept past it.
        if time.monotonic() < senegal_earliest - 0.5:
            assert b"Senegal" not in server.get("/en/").body
        time.sleep(max(0.0, senegal_due + 0.5 - time.monotonic()))
        assert b"Senegal" in server.get("/en/").body

        assert b"Area 7" in server.get(MALI_EN).body
        assert b"Area 7" in server.get(MALI_EN).body  # now from the cache
        python(
            "from pages.models import Section\n"
            "s = Section.objects.get(heading_en='Area 7')\n"
            "s.heading_en = 'Area seven'\n"
            "s.save()",
            site,
        )
        page = server.get(MALI_EN).body
        assert b"Area seven" in page and b"Area 7" not in page
        # A page scheduled by another process goes live on time: the go-live
        # time comes with the stamp.
        assert b"Ghana" not in server.get("/en/").body
        python(SCHEDULE % {"code": "GH", "name": "Ghana", "slug": "ghana", "seconds": 2}, site)
        assert b"Ghana" not in server.get("/en/").body
        time.sleep(2.5)
        assert b"Ghana" in server.get("/en/").body
    requests = [line for line in log.read_text().splitlines() if f"GET {MALI_EN} 200" in line]
    assert [line.split()[-1] for line in requests] == ["cache=miss", "cache=hit", "cache=miss"]


def admin_login(server: Server) -> str:
    login_page = server.get("/admin/login/")
    fields = form_fields_with(
        login_page.body.decode(), "login-form", username="admin", password=servers.ADMIN_PASSWORD
    )
    cookies = servers.cookie_header([login_page])
    logged_in = server.post_form("/admin/login/?next=/admin/", fields, cookies)
    assert logged_in.status == 302, logged_in.body[:2000]
    return servers.cookie_header([login_page, logged_in])


def form_fields_with(html: str, form_id: str, **values: str) -> list[tuple[str, str]]:
    fields = [(k, v) for k, v in servers.form_fields(html, form_id) if k not in values]
    return fields + list(values.items())


@needs_redis
def test_an_edit_through_one_server_is_served_fresh_by_the_other(site, tmp_path):
    shared = {
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "DJANGO_CACHE_PREFIX": servers.unique_prefix(),
    }
    env = {**site, **shared}
    page_pk = python(
        "from pages.models import CountryPage; print(CountryPage.objects.get().pk)", env
    )
    page_pk = page_pk.strip()
    with Server(env, tmp_path / "a.log") as a, Server(env, tmp_path / "b.log") as b:
        before = b.get(MALI_EN)
        assert b.get(MALI_EN).body == before.body  # warm on B

        cookies = admin_login(a)
        change_url = f"/admin/pages/countrypage/{page_pk}/change/"
        form = a.get(change_url, headers={"Cookie": cookies})
        assert form.status == 200
        fields = form_fields_with(
            form.body.decode(),
            "countrypage_form",
            title_en="Canada and Mali, edited on server A",
            _save="Save",
        )
        saved = a.post_form(change_url, fields, cookies)
        assert saved.status == 302, saved.body.decode()[:3000]
        # The very next request to B, with no wait at all, shows the edit.
        fresh = b.get(MALI_EN)
        assert fresh.status == 200
        assert b"edited on server A" in fresh.body
        assert b"edited on server A" in a.get(MALI_EN).body

        # The report rate limit counts submissions on both servers together.
        page = a.get(MALI_EN).body.decode()
        report = [(k, v) for k, v in servers.form_fields(page) if k != "problems"]
        report.append(("problems", "broken"))
        action = re.search(r'<form method="post" action="([^"]+)"', page).group(1)
        statuses = [
            (a if attempt % 2 else b).post_form(action, report).status for attempt in range(6)
        ]
        assert all(status in (200, 302, 303) for status in statuses[:5]), statuses
        assert statuses[5] == 429, statuses
        assert b.post_form(action, report).status == 429
        count = python(
            "from pages.models import FeedbackReport; print(FeedbackReport.objects.count())", env
        )
        assert count.strip() == "5"


# --- Outages: the database or Redis down ---------------------------------------


def dead_database(tmp_path) -> Database:
    """A database URL nothing answers at: a refused port, or a SQLite file that cannot exist."""
    if servers.postgres_url():
        return Database(url="postgres://postgres@127.0.0.1:1/engagement_down")
    return Database(url=f"sqlite:///{tmp_path / 'no-such-directory' / 'db.sqlite3'}")


REPORT = [
    ("page", "1"),
    ("path", MALI_EN),
    ("problems", "broken"),
    ("problems", "outdated"),
    ("details", "The 2023 figure is wrong"),
    ("website", ""),
]
REPORT_FR = [(k, MALI_FR if k == "path" else v) for k, v in REPORT]


def sent_again(body: bytes) -> servers.FormFields:
    form = servers.FormFields()
    form.feed(body.decode())
    return form


def test_with_the_database_down_pages_say_503_and_a_report_comes_back_filled_in(
    tmp_path, static_root
):
    env = production_env(dead_database(tmp_path), static_root, tmp_path / "media")
    log = tmp_path / "gunicorn.log"
    with Server(env, log, workers=1, ready_status=503) as server:
        health = json.loads(server.get("/healthz").body)
        assert health == {"status": "error", "database": "error", "cache": "ok"}
        for path, words in ((MALI_EN, b"temporarily unavailable"), (MALI_FR, b"indisponible")):
            page = server.get(path)
            assert page.status == 503
            assert page.header("Retry-After") == "60"
            assert words in page.body and b"Error 503" in page.body
            assert b"Traceback" not in page.body
            assert "frame-ancestors 'none'" in page.header("Content-Security-Policy")

        for endpoint, fields, message, lead in (
            (
                "/en/report-problem/",
                REPORT,
                b"Your report could not be saved. Please send it again in a few minutes.",
                b"not something you did wrong",
            ),
            (
                "/fr/signaler-probleme/",
                REPORT_FR,
                "Votre signalement n'a pas pu être enregistré".encode(),
                b"il ne s'agit pas d'une erreur de votre part",
            ),
        ):
            answer = server.post_form(endpoint, fields)
            assert answer.status == 503
            assert answer.header("Retry-After") == "60"
            assert answer.header("X-Robots-Tag") == "noindex"
            body = html_lib.unescape(answer.body.decode()).encode()
            assert message in body and lead in body
            # What the visitor sent is in the form again, ready to send as it is.
            assert sorted(sent_again(answer.body).fields) == sorted(fields)
            path = dict(fields)["path"]
            assert f'<a href="{path}">'.encode() in answer.body  # and the way back
        # Sending again and again while it lasts never runs into the rate limit
        # (5): a report about no page in particular is counted, then not stored.
        about_the_site = [(k, "" if k == "page" else v) for k, v in REPORT]
        resent = [server.post_form("/en/report-problem/", about_the_site) for _ in range(7)]
        assert [answer.status for answer in resent] == [503] * 7
        assert b"Your report could not be saved" in resent[-1].body

    text = log.read_text()
    assert "Report not stored: the database is unavailable" in text
    assert f"Service Unavailable: {MALI_EN}" in text
    assert "Traceback" in text
    assert "The 2023 figure is wrong" not in text


def test_a_hung_database_host_holds_one_request_per_worker_not_every_request(tmp_path, static_root):
    # PostgreSQL's address answers TCP and nothing more: each new connection
    # would wait DJANGO_DB_CONNECT_TIMEOUT (2 s here, the least libpq takes).
    with servers.HungServer() as hung:
        database = Database(url=f"postgres://app@127.0.0.1:{hung.port}/engagement")
        env = production_env(
            database,
            static_root,
            tmp_path / "media",
            DJANGO_DB_CONNECT_TIMEOUT="2",
            DJANGO_DB_RETRY_SECONDS="60",
        )
        log = tmp_path / "gunicorn.log"
        with Server(env, log, workers=1, ready_status=503) as server:
            # Ready once /healthz had waited the 2 s and said "database: error".
            tried = hung.accepted
            started = time.monotonic()
            answers = [server.get(path) for path in (MALI_EN, MALI_FR, "/healthz")]
            answers.append(server.post_form("/en/report-problem/", REPORT))
            waited = time.monotonic() - started
            assert [answer.status for answer in answers] == [503] * 4
            assert b"Your report could not be saved" in answers[-1].body
            assert hung.accepted == tried  # no new connection tried
            assert waited < 1.9  # each would have waited 2 s
    assert log.read_text().count("Database unreachable: new connections fail at once") == 1


@needs_redis
def test_with_the_database_down_cached_pages_are_still_served(site, tmp_path, static_root):
    prefix = servers.unique_prefix()
    shared = {"REDIS_URL": "redis://127.0.0.1:6379/5", "DJANGO_CACHE_PREFIX": prefix}
    down = production_env(dead_database(tmp_path), static_root, tmp_path / "media-b", **shared)
    with Server({**site, **shared}, tmp_path / "up.log", workers=1) as up:
        # One public host name for both, as behind a load balancer.
        host = {"Host": "127.0.0.1"}
        warm = up.get(MALI_EN, headers=host)
        assert warm.status == 200
        # A scheduled page's time has come, and the database is down: its
        # schedule cannot be read, and cached pages are served still.
        shared_cache = RedisCache(shared["REDIS_URL"], {"KEY_PREFIX": prefix})
        shared_cache.set("pages:next-go-live", time.time() - 1, timeout=None)
        with Server(down, tmp_path / "down.log", workers=1, ready_status=503) as server:
            served = [server.get(MALI_EN, headers=host) for _ in range(3)]
            assert [page.status for page in served] == [200] * 3
            assert all(page.body == warm.body for page in served)
            assert server.get(MALI_FR, headers=host).status == 503  # never cached
    text = (tmp_path / "down.log").read_text()
    assert text.count(f"GET {MALI_EN} 200") == 3
    assert text.count("cache=hit") == 3
    # The database was asked once, not on every hit.
    assert text.count("The publication schedule could not be read; serving the cache as is") == 1
    assert "Page cache unavailable" not in text


def test_a_hung_redis_slows_one_request_per_worker_and_loses_no_report(site, tmp_path):
    with servers.HungServer() as hung:
        env = {**site, "REDIS_URL": f"redis://127.0.0.1:{hung.port}/0"}
        log = tmp_path / "gunicorn.log"
        with Server(env, log, workers=1, ready_status=503) as server:
            started = time.monotonic()
            first = server.get(MALI_EN)
            waited = time.monotonic() - started
            assert first.status == 200 and b"Area 7" in first.body
            assert waited < 4  # redis-py's default would wait 5 s per call
            # For the next CACHE_RETRY_SECONDS (5 s), this worker leaves Redis alone.
            connections = hung.accepted
            started = time.monotonic()
            assert [server.get(MALI_EN).status for _ in range(5)] == [200] * 5
            answer = server.post_form("/en/report-problem/", REPORT)
            assert time.monotonic() - started < 4
            assert hung.accepted == connections
            assert answer.status == 303
    count = python(
        "from pages.models import FeedbackReport; print(FeedbackReport.objects.count())", site
    )
    assert count.strip() == "1"
    text = log.read_text()
    assert text.count("Page cache unavailable; rendering without it") == 1
    assert f"GET {MALI_EN} 200" in text and "cache=down" in text


def wait_for(predicate, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def page_at(port: int, path: str) -> servers.Response | None:
    """The page if it answers 200, else None (not up yet, or between masters)."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        raw = connection.getresponse()
        response = servers.Response(
            raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read()
        )
        connection.close()
    except OSError:
        return None
    return response if response.status == 200 else None


# What a release changes in Python: a header on country pages.
RELEASE_2_CODE = """

_country_detail = country_detail


def country_detail(request, *args, **kwargs):
    response = _country_detail(request, *args, **kwargs)
    response["X-Release"] = "2"
    return response
"""


def test_a_release_goes_live_with_usr2_and_term_and_a_hup_warns_it_would_not(site, tmp_path):
    # A checkout of its own, so a release can change it under a running master.
    release = tmp_path / "release"
    shutil.copytree(
        servers.BASE_DIR,
        release,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "media", "staticfiles", "*.sqlite3", "__pycache__", ".*_cache"
        ),
    )
    env = {**site, "PYTHONPATH": str(release)}
    port = servers.free_port()
    pidfile = release / "gunicorn.pid"
    log = tmp_path / "gunicorn.log"
    with log.open("ab") as out:
        master = subprocess.Popen(
            # The README's command: USR2 starts a new master with the same
            # command line, which `python -m gunicorn` would not survive
            # (re-run as a script, its `http` package hides the standard one).
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "engagement/gunicorn.conf.py",
             "--bind", f"127.0.0.1:{port}", "--workers", "1", "--pid", str(pidfile),
             "engagement.wsgi"],
            cwd=release, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    new_master = None
    try:
        assert wait_for(lambda: page_at(port, MALI_EN) is not None), log.read_text()[-3000:]
        before = page_at(port, MALI_EN)
        assert b"release-2" not in before.body and "x-release" not in before.headers

        # Release 2 changes a template and a view.
        template = release / "templates" / "pages" / "countrypage_detail.html"
        marker = '{% block content %}<p id="release-2"></p>'
        template.write_text(template.read_text().replace("{% block content %}", marker, 1))
        view = release / "pages" / "views" / "public.py"
        view.write_text(view.read_text() + RELEASE_2_CODE)

        # HUP: new workers, old code beside the new template. The master says so.
        master.send_signal(signal.SIGHUP)
        assert wait_for(lambda: "a new release is not picked up" in log.read_text())
        assert wait_for(lambda: b"release-2" in (page_at(port, MALI_EN) or before).body)
        assert "x-release" not in page_at(port, MALI_EN).headers

        # USR2, then TERM to the old master: release 2, whole.
        master.send_signal(signal.SIGUSR2)
        # The new master writes its pid beside the old one's, on the same socket.
        second = release / "gunicorn.pid.2"
        assert wait_for(second.exists), log.read_text()[-3000:]
        new_master = int(second.read_text())
        assert new_master != master.pid
        assert wait_for(lambda: "Booting worker" in log.read_text().split("usr2", 1)[-1])
        master.send_signal(signal.SIGTERM)  # graceful: its workers finish their requests
        master.wait(timeout=40)
        # Promoted, the new master takes the pid file's name.
        assert wait_for(lambda: pidfile.exists() and int(pidfile.read_text()) == new_master)
        served = [page_at(port, MALI_EN) for _ in range(3)]
        assert all(page is not None for page in served)
        assert all(b'<p id="release-2"></p>' in page.body for page in served)
        assert all(page.header("X-Release") == "2" for page in served)
    finally:
        if master.poll() is None:
            master.kill()
            master.wait()
        if new_master:
            with contextlib.suppress(ProcessLookupError):
                os.kill(new_master, signal.SIGTERM)
            wait_for(lambda: not Path(f"/proc/{new_master}").exists(), 20)


# Search reads its own index, which a restore must bring back too.
SEARCH_FR = "/fr/recherche/?q=travaille"


def fetch_pages(env: dict, log) -> dict[str, bytes]:
    # One Host header for every server, so the absolute hreflang links match.
    with Server(env, log, workers=1) as server:
        pages = {
            url: server.get(url, headers={"Host": "127.0.0.1"})
            for url in (MALI_EN, MALI_FR, SEARCH_FR)
        }
    assert all(response.status == 200 for response in pages.values())
    return {url: response.body for url, response in pages.items()}


def restore_with_pg_restore(site: dict, restored: Database, tmp_path) -> None:
    """The README's PostgreSQL backup: pg_dump's custom format into an empty database."""
    dump = tmp_path / "backup.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", site["DATABASE_URL"]],
        check=True,
        timeout=120,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={restored.url}", str(dump)],
        check=True,
        timeout=120,
    )


def restore_with_loaddata(site: dict, restored: Database, tmp_path) -> None:
    """The README's portable backup: dumpdata, then loaddata into a migrated database."""
    dump = tmp_path / "backup.json"
    manage(*servers.DUMPDATA_ARGS, f"--output={dump}", env=site)
    env = {**site, "DATABASE_URL": restored.url}
    manage("migrate", "--noinput", env=env)
    manage("loaddata", str(dump), env=env)
    manage("rebuild_search_index", env=env)  # PostgreSQL's search vectors are not in the dump


def test_restore_drill_serves_the_same_pages_from_a_fresh_database(site, tmp_path):
    before = fetch_pages(site, tmp_path / "before.log")
    assert b"Area 7" in before[MALI_EN]
    assert "1 résultat pour".encode() in before[SEARCH_FR]
    drills = [restore_with_loaddata]
    if servers.postgres_url():
        assert shutil.which("pg_dump") and shutil.which("pg_restore")
        drills.append(restore_with_pg_restore)
    for drill in drills:
        restored = Database.create(tmp_path, "restored")
        try:
            drill(site, restored, tmp_path)
            after = fetch_pages({**site, "DATABASE_URL": restored.url}, tmp_path / "after.log")
        finally:
            restored.drop()
        assert after == before, drill.__name__


MIGRATE_BACK_AND_FORTH = """
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
call_command("migrate", verbosity=0)
forward = sorted(connection.introspection.table_names())
# Every app with migrations, third-party ones included; zero also unapplies dependents.
for app in sorted({app for app, _name in MigrationLoader(connection).graph.nodes}):
    call_command("migrate", app, "zero", verbosity=0)
left = [t for t in connection.introspection.table_names() if t != "django_migrations"]
applied_at_zero = MigrationRecorder(connection).applied_migrations()
call_command("migrate", verbosity=0)
again = sorted(connection.introspection.table_names())
print(len(forward), len(left), len(applied_at_zero), again == forward)
"""


def test_migrations_apply_forward_back_to_zero_and_forward_again(tmp_path, static_root):
    database = Database.create(tmp_path, "migrations")
    env = production_env(database, static_root, tmp_path)
    try:
        tables, left, applied, same = python(MIGRATE_BACK_AND_FORTH, env).split()
    finally:
        database.drop()
    assert int(tables) > 10
    assert (left, applied, same) == ("0", "0", "True")


# --- Memory of a server process ----------------------------------------------

SERVE_PAGES_AND_LIST_MODULES = """
import sys
from wsgiref.util import setup_testing_defaults

from engagement.wsgi import application

for path, query in [("/en/countries/mali/", ""), ("/fr/pays/mali/", ""), ("/en/", "q=mali")]:
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_X_FORWARDED_PROTO": "https"}
    setup_testing_defaults(environ)
    statuses = []
    b"".join(application(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["200 OK"], (path, statuses)
print(" ".join(sorted(sys.modules)))
"""


def test_serving_pages_loads_no_upload_or_object_store_library(site):
    # Each of these is only for saving or uploading (or for a bucket, which
    # is not configured here): every server process would carry them.
    result = subprocess.run(
        [sys.executable, "-c", SERVE_PAGES_AND_LIST_MODULES],
        cwd=servers.BASE_DIR,
        env=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    modules = set(result.stdout.split())
    loaded = {name.split(".")[0] for name in modules}
    assert {"django", "babel", "pages"} <= loaded
    assert not loaded & {"PIL", "nh3", "boto3", "botocore", "storages"}
    # Pages, even with a search, use nothing of django.contrib.postgres but its
    # search expressions; the app itself is not installed.
    assert "django.contrib.postgres.apps" not in modules
    postgres = {name for name in modules if name.startswith("django.contrib.postgres")}
    if servers.postgres_url():
        assert postgres <= {"django.contrib.postgres", "django.contrib.postgres.search"}
    else:
        # On SQLite, nothing of PostgreSQL's: psycopg2 alone is about 4 MiB.
        assert "psycopg2" not in loaded
        assert postgres == set()


LOAD_SHARED_STATE = """
import gc
import sys

import django

django.setup()
from django.db import connections

from engagement.prefork import load_shared_state

before = set(sys.modules)
load_shared_state()
print(" ".join(sorted(set(sys.modules) - before)))
print(sum(connection.connection is not None for connection in connections.all()))
print(gc.get_freeze_count())
"""


def test_gunicorn_master_loads_what_every_worker_needs_without_connecting(tmp_path, static_root):
    extra = {"REDIS_URL": "redis://127.0.0.1:6379/15"} if servers.redis_available() else {}
    database = Database.create(tmp_path, "prefork")
    env = production_env(database, static_root, tmp_path, **extra)
    try:
        result = subprocess.run(
            [sys.executable, "-c", LOAD_SHARED_STATE],
            cwd=servers.BASE_DIR,
            env={**env, "DJANGO_SETTINGS_MODULE": "engagement.settings"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        database.drop()
    assert result.returncode == 0, result.stderr
    modules, open_connections, frozen = result.stdout.split("\n")[:3]
    loaded = set(modules.split())
    assert {"engagement.urls", "pages.views.public", "pages.templatetags.engagement"} <= loaded
    assert "django.conf.locale.fr.formats" in loaded
    if extra:
        assert "redis" in loaded
    assert open_connections == "0"
    # Django, the app and their libraries: left out of every later collection.
    assert int(frozen) > 50_000


# --- Shared media in an S3-compatible object store --------------------------


@pytest.fixture
def s3_bucket(tmp_path):
    """A bucket in moto's S3-compatible server on a local port (no network)."""
    boto3 = pytest.importorskip("boto3")
    pytest.importorskip("storages")
    executable = shutil.which("moto_server", path=str(servers.Path(sys.executable).parent))
    if not executable:
        pytest.skip("moto[server] is not installed")
    port = servers.free_port()
    log = (tmp_path / "moto.log").open("wb")
    process = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
        "region_name": "us-east-1",
    }
    client = boto3.client("s3", endpoint_url=endpoint, **credentials)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.create_bucket(Bucket="engagement-media")
            break
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.2)
    yield {"endpoint": endpoint, "client": client, "credentials": credentials}
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.mark.django_db
def test_images_are_stored_in_and_read_from_the_object_store(s3_bucket, settings):
    from django.core.files.storage import default_storage

    from tests.factories import image_bytes, make_image

    credentials = s3_bucket["credentials"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "engagement-media",
                "endpoint_url": s3_bucket["endpoint"],
                "access_key": credentials["aws_access_key_id"],
                "secret_key": credentials["aws_secret_access_key"],
                "region_name": credentials["region_name"],
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    assert default_storage.bucket_name == "engagement-media"
    image = make_image(image_bytes(image_format="PNG", size=(1200, 600)), name="bamako.png")

    listed = s3_bucket["client"].list_objects_v2(Bucket="engagement-media")
    keys = {item["Key"] for item in listed.get("Contents", [])}
    assert image.file.name in keys
    for rendition in image.renditions:
        assert rendition["name"] in keys
    # Read back through Django's storage API, as another app server would.
    with image.file.storage.open(image.file.name, "rb") as stored:
        data = stored.read()
    import io

    import PIL.Image

    assert PIL.Image.open(io.BytesIO(data)).size == (image.width, image.height)
    url = image.file.url
    assert url.startswith(f"{s3_bucket['endpoint']}/engagement-media/")
    assert "Signature" not in url and "X-Amz" not in url
