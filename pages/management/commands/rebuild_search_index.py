"""Rebuild the site search index from the content (after a fixture load or a restore)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from pages.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the site search index for every country page and program area."

    def handle(self, *args, **options) -> None:
        pages, areas = rebuild_index()
        pages_text = ngettext("%(count)d country page", "%(count)d country pages", pages) % {
            "count": pages
        }
        areas_text = ngettext("%(count)d program area", "%(count)d program areas", areas) % {
            "count": areas
        }
        self.stdout.write(self.style.SUCCESS(f"Indexed {pages_text} and {areas_text}."))
