"""
Search entries get a folded sort title, so results of equal rank sort alphabetically.

Filled here for the existing entries from their stored titles, so the order
is right without a re-index; every later indexing writes it with the rest.
"""

import re
import unicodedata

from django.db import migrations, models

# pages.search.fold_text as it was when this migration was written: a
# migration keeps its own copy, so that later changes to the app's code
# never change what it did.
LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}
COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_text(value: str) -> str:
    folded = COMBINING.sub("", unicodedata.normalize("NFKD", value.lower()))
    for ligature, letters in LIGATURES.items():
        folded = folded.replace(ligature, letters)
    return folded


def fill_sort_titles(apps, schema_editor) -> None:
    SearchEntry = apps.get_model("pages", "SearchEntry")
    entries = list(SearchEntry.objects.only("pk", "title"))
    for entry in entries:
        entry.sort_title = fold_text(entry.title)
    SearchEntry.objects.bulk_update(entries, ["sort_title"], batch_size=100)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0013_funding_figure_more_than"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="sort_title",
            field=models.TextField(blank=True),
        ),
        migrations.AlterModelOptions(
            name="searchentry",
            options={
                "ordering": ["sort_title", "pk"],
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
            },
        ),
        migrations.RunPython(fill_sort_titles, migrations.RunPython.noop),
    ]
