"""Model fields of our own: PostgreSQL's tsvector without importing django.contrib.postgres."""

from django.db import models
from django.db.models import Lookup


class SearchVectorField(models.Field):
    """
    A `tsvector` column, as django.contrib.postgres.search.SearchVectorField.

    That field lives in a module that imports psycopg2 (with libpq and its
    own OpenSSL, about 4 MiB per process) and requires django.contrib.postgres
    in INSTALLED_APPS, even on SQLite, where the column is never filled.
    This one has the same column type and, through the lookup below, the
    same `search_vector=query` meaning ("matches", @@); the search code
    imports django.contrib.postgres itself, on PostgreSQL only.
    """

    def db_type(self, connection) -> str:
        return "tsvector"

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name == "exact":
            # django.contrib.postgres's own "@@" lookup, imported on first use:
            # only a full-text query on PostgreSQL filters on this column.
            from django.contrib.postgres.search import SearchVectorExact

            return SearchVectorExact
        return super().get_lookup(lookup_name)
