"""Sanitising of editor-supplied rich text."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
    "abbr",
    "span",
    "sup",
    "sub",
    "cite",
    "q",
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "abbr": {"title"},
    "span": {"lang"},
    "p": {"lang"},
    "q": {"lang"},
    "cite": {"lang"},
}


def sanitize_html(value: str) -> str:
    """Keep the small set of tags an editor needs; drop scripts, handlers and unsafe URLs."""
    if not value:
        return ""
    # Only saves sanitise (pages render the stored, clean text): nh3 and its
    # 1.5 MiB library stay out of processes that only answer pages.
    import nh3

    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []

    def note(self, what: str) -> None:
        if what not in self.removed:
            self.removed.append(what)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.note(f"<{tag}>")
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                if tag == "a" and name == "rel":
                    continue  # written by sanitize_html itself (noopener)
                self.note(f"{name}=")
            elif name == "href" and value and ":" in value.split("/")[0]:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in URL_SCHEMES:
                    self.note(f"{scheme}:")


def removed_markup(value: str) -> list[str]:
    """
    What sanitize_html drops from `value`, to tell the editor: `<table>`, `style=`, `javascript:`.

    Saving keeps only ALLOWED_TAGS and ALLOWED_ATTRIBUTES; an editor who
    pasted a table or a heading should hear that it is gone, not find out
    on the page.
    """
    if not value or "<" not in value:
        return []
    scan = _Scan()
    scan.feed(value)
    scan.close()
    return scan.removed
