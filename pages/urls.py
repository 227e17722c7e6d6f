"""Public URLs, translated per language: /en/countries/mali/ and /fr/pays/mali/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from pages import views
from pages.views import opendata, preview

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("countries/<slug:slug>/"), views.country_detail, name="country-detail"),
    path(_("program-areas/<slug:slug>/"), views.programarea_detail, name="programarea-detail"),
    path(_("report-problem/"), views.report_problem, name="report-problem"),
    path(_("report-problem/thanks/"), views.report_problem_thanks, name="report-problem-thanks"),
    path(_("open-data/"), opendata.opendata_schema, name="opendata"),
    path(_("search/"), views.search, name="search"),
    path(_("preview/<int:pk>/"), preview.country_preview, name="country-preview"),
]
