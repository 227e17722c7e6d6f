"""Top-level URLs: the language-selection page, the admin, and /en/ and /fr/ content."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from pages import views

urlpatterns = [
    path("", views.language_select, name="language-select"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(path("", include("pages.urls")), prefix_default_language=True)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
