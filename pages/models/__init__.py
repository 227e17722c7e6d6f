"""The content model: country pages, program areas, funding figures and feedback."""

from pages.models.country import (
    CountryPage,
    FocusPoint,
    PageItem,
    RelatedLink,
    Result,
    Section,
    Video,
)
from pages.models.feedback import PROBLEM_FIELDS, FeedbackReport
from pages.models.funding import FundingFigure
from pages.models.images import Image
from pages.models.program import ProgramArea
from pages.models.search import SearchEntry
from pages.models.slug_redirect import SlugRedirect
from pages.models.translation_status import FieldTranslationState

__all__ = [
    "PROBLEM_FIELDS",
    "CountryPage",
    "FeedbackReport",
    "FieldTranslationState",
    "FocusPoint",
    "FundingFigure",
    "Image",
    "PageItem",
    "ProgramArea",
    "RelatedLink",
    "Result",
    "SearchEntry",
    "Section",
    "SlugRedirect",
    "Video",
]
