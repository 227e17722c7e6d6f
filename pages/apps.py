"""App configuration for the public pages and their content."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Country pages")

    def ready(self) -> None:
        from pages import (
            editorial_signals,  # noqa: F401  (connects the receivers)
            search,
            signals,
        )

        signals.connect(self)
        search.connect_signals()
