"""Shared pytest set-up: compiled catalogues and common fixtures."""

from pathlib import Path

import pytest

from pages.catalogs import compile_catalogs

# Tests read the French catalogue as the site does; keep it compiled.
compile_catalogs(Path(__file__).resolve().parent.parent / "locale")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from pages.cache import _breakers, invalidation_owed
    from pages.feedback import LOCAL_COUNTS

    def clear() -> None:
        cache.clear()
        # Also what an outage test leaves behind: reports counted in this
        # process, a page-cache generation owed, a breaker open.
        LOCAL_COUNTS.clear()
        invalidation_owed.clear()
        _breakers.clear()

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request under /fr/ leaves French active in this thread; each test
    # starts from the default language, whatever ran before it.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def media(settings, tmp_path):
    """Uploads and renditions of the test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
