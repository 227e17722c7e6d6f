"""Top-level URLs: the language-selection page, the admin, and /en/ and /fr/ content."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from pages import views
from pages.sitemaps import SITEMAPS
from pages.views import health, media, opendata
from pages.views.methods import read_only

urlpatterns = [
    path("", views.language_select, name="language-select"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", read_only(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # Language-neutral downloads: one file for both languages (README "Open data").
    re_path(
        r"^open-data/funding\.(?P<fmt>csv|json)$",
        opendata.funding_download,
        name="opendata-funding",
    ),
]
urlpatterns += i18n_patterns(path("", include("pages.urls")), prefix_default_language=True)
# Answers only when settings.SERVE_MEDIA is on (debug): in production the
# shared media store or the proxy in front serves uploads (see README).
urlpatterns += [
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", media.serve_upload),
]

# Bilingual templates (404.html, 500.html, 503.html); the 500 and 503 ones
# render with an empty context, so they work with the database down. An
# unreachable database is a 503 with Retry-After (pages/views/errors.py).
handler404 = "django.views.defaults.page_not_found"
handler500 = "pages.views.errors.server_error"
