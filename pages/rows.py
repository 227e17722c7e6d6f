"""Light rows that templates read cheaply: plain attributes, also found by subscription."""

from collections.abc import Iterable

from django.db.models import IntegerField, Model, QuerySet

from pages.prepared import PreparedRows, Slot


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


def rows_queryset(model: type[Model], *columns: str) -> QuerySet:
    """
    `model`'s rows as plain tuples of `columns`, for light rows: no model instances.

    The columns are named per language (`heading_fr`), so modeltranslation's
    rewriting is off; no ORDER BY, as by_order puts a page's few rows in order.
    """
    return model.objects.rewrite(False).order_by().values_list(*columns)


def page_rows(model: type[Model], *columns: str) -> PreparedRows:
    """
    A country page's rows of `model` (sections, items, figures): rows_queryset() for one page.

    Compiled once (pages/prepared.py); run with the page's id: `query(page=page.pk)`.
    """
    return PreparedRows(
        lambda: rows_queryset(model, *columns).filter(page_id=Slot("page", IntegerField()))
    )
