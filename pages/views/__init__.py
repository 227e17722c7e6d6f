"""Views, split by topic: public pages, and more as they come."""

from pages.views.feedback import report_problem, report_problem_thanks
from pages.views.public import country_detail, home, language_select, programarea_detail
from pages.views.search import search
from pages.views.seo import robots_txt

__all__ = [
    "country_detail",
    "home",
    "language_select",
    "programarea_detail",
    "report_problem",
    "report_problem_thanks",
    "robots_txt",
    "search",
]
