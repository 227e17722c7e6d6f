"""URLs of the public pages found by slug, reversed once per process."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import override


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
