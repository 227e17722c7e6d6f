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
