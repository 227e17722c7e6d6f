"""URLs of the public pages, reversed once per process: by slug, and the fixed ones."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, override


def slug_url(url_name: str, language: str, slug: str) -> str:
    """The URL of `url_name` for `slug` in `language`, reversed once per script prefix."""
    return _slug_url(get_script_prefix(), url_name, language, slug)


# Country pages link to themselves in both languages, to their program areas
# from every funding row, and lists link to every country: the URL depends
# only on the script prefix (SCRIPT_NAME), the name, the language and the
# slug (the URLconf never changes in a running process).
@lru_cache(maxsize=2048)
def _slug_url(prefix: str, url_name: str, language: str, slug: str) -> str:
    with override(language):
        return reverse(url_name, kwargs={"slug": slug})


def fixed_url(url_name: str, *args: str, language: str | None = None) -> str:
    """
    The URL of `url_name` (with `args`) in `language` (default: the active one), reversed once.

    For the links every page carries (home, search, open data, the language
    page): reverse() walks the URLconf each time, for an answer that only the
    script prefix and the language change.
    """
    return _fixed_url(get_script_prefix(), language or get_language(), url_name, args)


@lru_cache(maxsize=256)
def _fixed_url(prefix: str, language: str | None, url_name: str, args: tuple[str, ...]) -> str:
    with override(language):
        return reverse(url_name, args=args)
