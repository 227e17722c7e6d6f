"""Light rows that templates read cheaply: plain attributes, also found by subscription."""

from collections.abc import Iterable


class TemplateRow:
    """
    Lets the template engine find an attribute on its first try.

    `{{ row.name }}` tries `row["name"]` first and falls back to getattr only
    after that raises; a plain object makes it raise (and catch) an
    exception at every lookup, hundreds of times on a country page.
    Subclasses are dataclasses of already-resolved values; a missing name
    still ends as it would (KeyError here, then AttributeError).
    """

    __slots__ = ()

    def __getitem__(self, name: str) -> object:
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None


def by_order(rows: Iterable) -> list:
    """Rows in the editors' order: `order`, then creation (pk), as the models' Meta says."""
    return sorted(rows, key=lambda row: (row.order, row.pk))
