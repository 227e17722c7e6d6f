"""
PostgreSQL full-text search set-up; nothing happens on other databases.

The `unaccent` extension, one text search configuration per language that
folds accents before stemming (so "securite" finds "sécurité"), and the GIN
index on the stored search vector. Kept out of the model's Meta because
SQLite has no GIN indexes: the model migrates the same on both databases.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# configuration name: (copied configuration, stemming dictionary)
CONFIGURATIONS = {
    "english_unaccent": ("english", "english_stem"),
    "french_unaccent": ("french", "french_stem"),
}


class PostgresOnlySQL(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def configuration_sql(name: str, source: str, stemmer: str) -> list[str]:
    return [
        f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})",
        # hword, hword_part and word are the token types with non-ASCII letters.
        f"ALTER TEXT SEARCH CONFIGURATION {name} "
        f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}",
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_search_entry"),
    ]

    operations = [
        UnaccentExtension(),
        *(
            PostgresOnlySQL(
                configuration_sql(name, source, stemmer),
                reverse_sql=f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
            )
            for name, (source, stemmer) in CONFIGURATIONS.items()
        ),
        PostgresOnlySQL(
            "CREATE INDEX pages_searchentry_vector_gin ON pages_searchentry "
            "USING gin (search_vector)",
            reverse_sql="DROP INDEX IF EXISTS pages_searchentry_vector_gin",
        ),
    ]
