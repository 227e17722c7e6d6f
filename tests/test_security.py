"""Security headers, the Content-Security-Policy, cookies, uploads and deploy checks."""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests import servers
from tests.factories import make_country, make_image, make_section

BASE_DIR = Path(__file__).resolve().parent.parent
MALI_EN = "/en/countries/mali/"
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x7Gq2-Lp9vRt4Wm8Zs1Kc6Hb3Nd5Jf0Ya_Ue2Io7Px4Qw9Er3Ty6Ui8Op1As5Df",
    "DJANGO_ALLOWED_HOSTS": "engagement.example.ca",
}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.strip().split()
        directives[name] = values
    return directives


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("attempt", ["miss", "hit"])
def test_public_page_carries_every_security_header(client, settings, attempt):
    settings.SECURE_HSTS_SECONDS = 31536000
    make_country()
    first = client.get(MALI_EN, secure=True)
    second = client.get(MALI_EN, secure=True)
    response = first if attempt == "miss" else second
    assert response.status_code == 200
    headers = response.headers
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = csp_directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in headers


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style attributes, handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.script_sources: list[str] = []
        self.in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, _value in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            if names.get("src"):
                self.script_sources.append(names["src"])
            elif names.get("type") not in ("application/json",):
                self.in_inline_script = True
        if tag == "link" and names.get("rel") == "stylesheet":
            self.script_sources.append(names.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        self.in_inline_script = False

    def handle_data(self, data: str) -> None:
        if self.in_inline_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]}")


def assert_runs_under_strict_csp(html: str) -> None:
    finder = InlineCodeFinder()
    finder.feed(html)
    assert finder.problems == []
    for source in finder.script_sources:
        # Same origin only: no CDN (modeltranslation's tabs default to one).
        assert source.startswith("/"), source
        assert not source.startswith("//"), source


@pytest.mark.django_db
def test_public_pages_need_no_inline_code(client, media_root):
    page = make_country()
    make_section(page, image=make_image())
    for url in ("/", "/en/", MALI_EN, "/fr/pays/mali/"):
        assert_runs_under_strict_csp(client.get(url).content.decode())


@pytest.mark.django_db
def test_admin_works_under_the_same_policy(admin_client, media_root):
    page = make_country()
    make_section(page, image=make_image())
    urls = [
        "/admin/",
        "/admin/pages/countrypage/",
        f"/admin/pages/countrypage/{page.pk}/change/",
        "/admin/pages/countrypage/add/",
        "/admin/pages/image/add/",
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "unsafe" not in response.headers["Content-Security-Policy"]
        assert_runs_under_strict_csp(response.content.decode())


@pytest.mark.django_db
def test_admin_login_page_runs_under_the_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_runs_under_strict_csp(response.content.decode())


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    return tmp_path


def test_uploaded_image_is_served_as_an_image(client, media_root):
    (media_root / "images").mkdir()
    (media_root / "images" / "photo.png").write_bytes(b"\x89PNG fake")
    response = client.get("/media/images/photo.png")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["page.html", "vector.svg", "page.htm", "noext", "x.PNG.html"])
def test_uploaded_non_image_is_a_download_never_a_page(client, media_root, name):
    (media_root / name).write_text("<script>alert(1)</script>")
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_uploads_are_not_served_by_django_unless_asked(client, media_root, settings):
    (media_root / "photo.png").write_bytes(b"\x89PNG fake")
    settings.SERVE_MEDIA = False
    assert client.get("/media/photo.png").status_code == 404


def test_media_paths_cannot_escape_the_media_root(client, media_root):
    for url in ("/media/../settings.py", "/media/%2e%2e/engagement/settings.py"):
        assert client.get(url).status_code in (400, 404)


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_secure_and_http_only():
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_PROXY_SSL_HEADER, s.DEBUG)"
    )
    result = run_manage("shell", "--verbosity", "0", "-c", script, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "False",
    ]


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY must be set"),
        ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without_secret_or_hosts(missing, message):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "too weak" in result.stderr


SHOW_GSSENCMODE = (
    "from django.conf import settings; "
    "print(settings.DATABASES['default']['OPTIONS']['gssencmode'])"
)


@pytest.mark.parametrize(
    ("url", "mode"),
    [
        ("postgres://app@127.0.0.1:5432/engagement", "disable"),
        ("postgres://app@127.0.0.1:5432/engagement?gssencmode=require", "require"),
    ],
)
def test_postgres_uses_kerberos_encryption_only_when_the_url_asks(url, mode):
    result = run_manage("shell", "-c", SHOW_GSSENCMODE, env={**PRODUCTION_ENV, "DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == mode


CONNECT = (
    "import time\n"
    "from django.db import connection\n"
    "started = time.monotonic()\n"
    "try:\n"
    "    connection.ensure_connection()\n"
    "except Exception as error:\n"
    "    print(type(error).__name__, round(time.monotonic() - started, 1))\n"
)


def test_a_database_server_that_never_answers_fails_within_the_connect_timeout():
    with servers.HungServer() as hung:
        env = {
            **PRODUCTION_ENV,
            "DATABASE_URL": f"postgres://app@127.0.0.1:{hung.port}/engagement",
            "DJANGO_DB_CONNECT_TIMEOUT": "2",
        }
        result = run_manage("shell", "-c", CONNECT, env=env)
        assert hung.accepted >= 1
    assert result.returncode == 0, result.stderr
    error, waited = result.stdout.split()[-2:]
    assert error == "OperationalError"
    assert 1.5 <= float(waited) < 8  # libpq alone would wait for as long as TCP lets it


def test_no_secret_in_the_repository():
    settings_text = (BASE_DIR / "engagement" / "settings.py").read_text()
    assert not re.search(r"SECRET_KEY\s*=\s*['\"](?!django-insecure)", settings_text)
