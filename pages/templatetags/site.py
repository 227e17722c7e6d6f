"""Tags of the parts every public page carries: its alternate-language links and fixed URLs."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from pages.markup import escape
from pages.reversing import fixed_url

register = template.Library()


@register.simple_tag(name="fixed_url")
def fixed_url_tag(url_name: str, *args: str) -> str:
    """`{% fixed_url "pages:home" %}`: as `{% url %}`, reversed once per language."""
    return fixed_url(url_name, *args)


@register.simple_tag(takes_context=True)
def alternate_links(context: template.Context) -> SafeString:
    """
    `{% alternate_links %}`: the <head>'s links to the page in each language.

    From the view's `alternate_urls` ({language: path}, the languages the
    page exists in): an hreflang link for each, a canonical link to this
    language's (unless the page is `noindex`), and x-default to the
    language page. Nothing when the view gave none. Absolute URLs, as
    search engines want them, on the host the request came to.
    """
    alternate_urls = context.get("alternate_urls")
    if not alternate_urls:
        return mark_safe("")
    request = context.get("request")
    origin = escape(f"{request.scheme}://{request.get_host()}") if request else ""
    language = get_language()
    canonical = not context.get("noindex")
    parts = []
    for code, url in alternate_urls.items():
        href = f"{origin}{escape(url)}"
        hreflang = escape(code)
        parts.append(f'<link rel="alternate" hreflang="{hreflang}" href="{href}">\n')
        if canonical and code == language:
            parts.append(f'<link rel="canonical" href="{href}">\n')
    x_default = escape(fixed_url("language-select"))
    parts.append(f'<link rel="alternate" hreflang="x-default" href="{origin}{x_default}">\n')
    return mark_safe("".join(parts))  # noqa: S308 (every value went through escape)
