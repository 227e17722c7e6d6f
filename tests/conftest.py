"""Shared pytest set-up: compiled catalogues and common fixtures."""

from pathlib import Path

import pytest

from pages.catalogs import compile_catalogs

# Tests read the French catalogue as the site does; keep it compiled.
compile_catalogs(Path(__file__).resolve().parent.parent / "locale")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
