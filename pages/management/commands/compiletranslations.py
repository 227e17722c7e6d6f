"""`manage.py compiletranslations`: compile locale/*.po without system gettext."""

from django.conf import settings
from django.core.management.base import BaseCommand

from pages.catalogs import compile_catalogs


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po to .mo) with Babel."

    def handle(self, *args, **options) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for path in compile_catalogs(locale_dir):
                self.stdout.write(f"Compiled {path}")
