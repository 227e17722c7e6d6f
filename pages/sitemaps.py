"""The sitemap: every published page in each language it exists in, with hreflang alternates."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pages.models import CountryPage, ProgramArea


class HomeSitemap(Sitemap):
    i18n = True
    alternates = True
    # x-default is the bilingual language-selection page at /.
    x_default = True
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["pages:home"]

    def location(self, item: str) -> str:
        return reverse(item)


class OpenDataSitemap(Sitemap):
    """The open-data page, which documents the downloads (the files are not pages)."""

    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["pages:opendata"]

    def location(self, item: str) -> str:
        return reverse(item)


class CountryPageSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self) -> list[CountryPage]:
        return list(CountryPage.objects.published().order_by("pk"))

    def get_languages_for_item(self, item: CountryPage) -> list[str]:
        # A page in one language only must not list a URL that shows a notice.
        return [code for code in self._languages() if item.is_available_in(code)]

    def lastmod(self, item: CountryPage) -> datetime.date:
        return item.date_modified


class ProgramAreaSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self) -> list[ProgramArea]:
        return list(ProgramArea.objects.ordered())

    def lastmod(self, item: ProgramArea) -> datetime.datetime:
        return item.updated_at


SITEMAPS = {
    "home": HomeSitemap,
    "countries": CountryPageSitemap,
    "program-areas": ProgramAreaSitemap,
    "open-data": OpenDataSitemap,
}
