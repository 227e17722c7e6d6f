"""The sitemap: every published page in each language it exists in, with hreflang alternates."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pages.models import CountryPage, ProgramArea


class NamedPageSitemap(Sitemap):
    """Pages that are a URL name, not an object, in each language."""

    i18n = True
    alternates = True
    url_names: tuple[str, ...] = ()

    def items(self) -> list[str]:
        return list(self.url_names)

    def location(self, item: str) -> str:
        return reverse(item)


class HomeSitemap(NamedPageSitemap):
    url_names = ("pages:home",)
    # x-default is the bilingual language-selection page at /.
    x_default = True
    changefreq = "weekly"


class OpenDataSitemap(NamedPageSitemap):
    """The open-data page, which documents the downloads (the files are not pages)."""

    url_names = ("pages:opendata",)
    changefreq = "monthly"


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
