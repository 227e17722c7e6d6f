"""Small helpers that build test data."""

import datetime
from decimal import Decimal

from pages.models import CountryPage, FundingFigure, ProgramArea, Section


def make_country(**overrides) -> CountryPage:
    fields = {
        "iso_code": "ML",
        "name_en": "Mali",
        "name_fr": "Mali",
        "title_en": "Canada's engagement in Mali",
        "title_fr": "L'engagement du Canada au Mali",
        "slug_en": "mali",
        "slug_fr": "mali",
        "status": CountryPage.Status.PUBLISHED,
        "date_modified": datetime.date(2026, 11, 28),
    }
    fields.update(overrides)
    return CountryPage.objects.create(**fields)


def make_section(page: CountryPage, **overrides) -> Section:
    fields = {
        "page": page,
        "heading_en": "Heading",
        "heading_fr": "Titre",
        "body_en": "<p>Text</p>",
        "body_fr": "<p>Texte</p>",
    }
    fields.update(overrides)
    return Section.objects.create(**fields)


def make_program_area(**overrides) -> ProgramArea:
    fields = {
        "name_en": "Humanitarian assistance",
        "name_fr": "Aide humanitaire",
        "slug_en": "humanitarian-assistance",
        "slug_fr": "aide-humanitaire",
    }
    fields.update(overrides)
    return ProgramArea.objects.create(**fields)


def make_figure(page: CountryPage, **overrides) -> FundingFigure:
    fields = {
        "page": page,
        "amount": Decimal("139930000"),
        "kind": FundingFigure.Kind.ASSISTANCE,
        "period_type": FundingFigure.PeriodType.FISCAL_YEAR,
        "start_year": 2018,
        "end_year": 2019,
        "label_en": "International assistance",
        "label_fr": "Aide internationale",
    }
    fields.update(overrides)
    return FundingFigure.objects.create(**fields)
