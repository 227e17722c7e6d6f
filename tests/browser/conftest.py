"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live server."""

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
HOW_TO_ENABLE = "apt-get install -y chromium (Debian's /usr/bin/chromium), then make test"


def browser_unavailable() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (it comes with requirements-dev.txt)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = browser_unavailable()
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if reason is None or not browser_items:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Browser tests must run in CI, but {reason}: {HOW_TO_ENABLE}")
    skip = pytest.mark.skip(reason=f"browser tests skipped: {reason}; to enable: {HOW_TO_ENABLE}")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # The machine running CI is small and shared; generous, not endless.
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("demo")
    return {"media": folder / "media", "dump": folder / "demo.json"}


@pytest.fixture
def demo(transactional_db, settings, demo_files) -> None:
    """
    The demo content, with uploads in a throw-away media folder.

    The command draws and encodes every photo, which takes seconds; it runs
    once, and later tests load its rows back (the files stay in place).
    """
    settings.MEDIA_ROOT = demo_files["media"]
    settings.SERVE_MEDIA = True
    dump = demo_files["dump"]
    if dump.exists():
        call_command("loaddata", str(dump), verbosity=0)
    else:
        call_command("load_demo_content", stdout=io.StringIO())
        call_command("dumpdata", "pages", output=str(dump), verbosity=0)
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
