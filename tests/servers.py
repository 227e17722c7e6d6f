"""Real gunicorn app servers for tests: production settings, own database, loopback only."""

import contextlib
import http.client
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
PORTS = range(8600, 8700)
SECRET_KEY = secrets.token_urlsafe(50)
ADMIN_PASSWORD = "correct-horse-battery-staple-42"

# The content the servers show, written through the models (so through the
# same save() and signals an editor's change goes through).
SEED_SCRIPT = f"""
from django.contrib.auth import get_user_model
from tests.factories import make_country, make_figure, make_item, make_section
page = make_country(
    intro_en="<p>Canada works with Mali.</p>",
    intro_fr="<p>Le Canada travaille avec le Mali.</p>",
)
for number in range(8):
    make_section(page, heading_en="Area %d" % number, heading_fr="Domaine %d" % number)
make_figure(page)
make_item(page, kind="focus", text_en="Peace", text_fr="Paix")
get_user_model().objects.create_superuser("admin", "admin@example.org", "{ADMIN_PASSWORD}")
"""


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def base_env() -> dict[str, str]:
    """This process's environment without any setting of the project."""
    prefixes = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "GUNICORN_", "AWS_")
    return {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    """A free port of this project's range; others running the suite pick another."""
    candidates = list(PORTS)
    random.shuffle(candidates)
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8600-8699")


@dataclass
class Database:
    """A database of its own: a SQLite file, or a PostgreSQL database named after the suite's."""

    url: str
    name: str = ""
    admin_url: str = ""

    @classmethod
    def create(cls, tmp_path: Path, suffix: str) -> "Database":
        pg = postgres_url()
        if not pg:
            return cls(url=f"sqlite:///{tmp_path / f'{suffix}.sqlite3'}")
        import psycopg2

        base, _, name = pg.rpartition("/")
        name = f"{name.split('?')[0]}_{suffix}"
        admin_url = f"{base}/postgres"
        connection = psycopg2.connect(admin_url)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        return cls(url=f"{base}/{name}", name=name, admin_url=admin_url)

    def drop(self) -> None:
        if not self.name:
            return
        import psycopg2

        connection = psycopg2.connect(self.admin_url)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        connection.close()


# A Redis that refuses connections (nothing listens on port 1), as settings.CACHES.
DEAD_REDIS = {
    "default": {
        "BACKEND": "pages.cache.ReusedClientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def unreachable_connection(tmp_path: Path):
    """A connection like the suite's own, to a database that cannot be reached."""
    from django.db import connection
    from django.db.utils import load_backend

    dead = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        dead["NAME"] = str(tmp_path / "missing-directory" / "db.sqlite3")
    else:
        dead["PORT"] = "1"
    return load_backend(dead["ENGINE"]).DatabaseWrapper(dead, "dead")


def production_env(database: Database, static_root: Path, media_root: Path, **extra) -> dict:
    env = base_env()
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(static_root),
            "DJANGO_MEDIA_ROOT": str(media_root),
            "DATABASE_URL": database.url,
            "PYTHONPATH": str(BASE_DIR),
        }
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args: str, env: dict, timeout: int = 180) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def python(script: str, env: dict) -> str:
    return manage("shell", "--verbosity", "0", "-c", script, env=env).stdout


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    cookies: list[str] = field(default_factory=list)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class Server:
    """One `gunicorn engagement.wsgi` with production settings, stopped by its own pid."""

    def __init__(
        self, env: dict, log_path: Path, workers: int = 2, ready_status: int = 200
    ) -> None:
        self.env = env
        self.log_path = log_path
        self.workers = workers
        # What /healthz answers once the server is up: 503 for a server
        # started on purpose with its database or cache down.
        self.ready_status = ready_status
        self.port = 0
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        for _attempt in range(5):
            self.port = free_port()
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "-c",
                        "engagement/gunicorn.conf.py",
                        "--bind",
                        f"127.0.0.1:{self.port}",
                        "--workers",
                        str(self.workers),
                        "engagement.wsgi",
                    ],
                    cwd=BASE_DIR,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if self.wait_ready():
                return self
            self.stop()
        raise AssertionError(f"gunicorn did not start:\n{self.log_path.read_text()[-3000:]}")

    def wait_ready(self, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if self.get("/healthz").status == self.ready_status:
                    return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict | None = None,
        https: bool = True,
    ) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        # As the TLS-terminating proxy in front would say.
        sent = {"X-Forwarded-Proto": "https"} if https else {}
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        raw = connection.getresponse()
        response = Response(
            status=raw.status,
            headers={k.lower(): v for k, v in raw.getheaders()},
            body=raw.read(),
            cookies=raw.headers.get_all("Set-Cookie") or [],
        )
        connection.close()
        return response

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, fields: list[tuple[str, str]], cookies: str = "") -> Response:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": f"{self.origin}{path}",
        }
        if cookies:
            headers["Cookie"] = cookies
        return self.request("POST", path, body=urlencode(fields).encode(), headers=headers)


def cookie_header(responses: list[Response]) -> str:
    jar: dict[str, str] = {}
    for response in responses:
        for cookie in response.cookies:
            name, _, rest = cookie.partition("=")
            jar[name] = rest.split(";", 1)[0]
    return "; ".join(f"{k}={v}" for k, v in jar.items())


class FormFields(HTMLParser):
    """What a browser would submit for the first form with a given id (or the first POST form)."""

    def __init__(self, form_id: str | None = None) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.select_value: str | None = None
        self.select_first: str | None = None
        self.textarea: str | None = None
        self.textarea_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.done and not self.inside:
            wanted = a.get("id") == self.form_id if self.form_id else a.get("method") == "post"
            self.inside = wanted
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select, self.select_value, self.select_first = name, None, None
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in a:
                self.select_value = value
        elif tag == "textarea" and name:
            self.textarea, self.textarea_text = name, []

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.textarea_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "select" and self.select:
            value = self.select_value if self.select_value is not None else self.select_first
            self.fields.append((self.select, value or ""))
            self.select = None
        elif tag == "textarea" and self.textarea:
            text = "".join(self.textarea_text)
            # Browsers drop the newline that follows <textarea>.
            self.fields.append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "form":
            self.inside = False
            self.done = True


def form_fields(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def unique_prefix() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


# The backup of the README: content and users, without what migrate recreates.
DUMPDATA_ARGS = (
    "dumpdata",
    "--natural-foreign",
    "--natural-primary",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
    "--indent=1",
)


class HungServer:
    """
    A TCP server that accepts connections and never answers: a Redis that hangs.

    The kernel completes each connection; nothing is ever read or written, so
    a client waits until its own timeout. `accepted` counts connections.
    """

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self.serve, daemon=True)

    def serve(self) -> None:
        while True:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            self.held.append(connection)
            self.accepted += 1

    def __enter__(self) -> "HungServer":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        # shutdown() wakes the thread blocked in accept(); close() alone may not.
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        self.thread.join(timeout=5)
        for connection in self.held:
            connection.close()
