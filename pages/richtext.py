"""Sanitising of editor-supplied rich text."""

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
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener",
    )
