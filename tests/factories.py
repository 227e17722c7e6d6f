"""Small helpers that build test data."""

import datetime
from decimal import Decimal

from pages.models import CountryPage, FeedbackReport, FundingFigure, ProgramArea, Section


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


def image_bytes(
    image_format: str = "JPEG",
    size: tuple[int, int] = (2000, 1000),
    mode: str = "RGB",
    noise: bool = False,
    **save_options,
) -> bytes:
    """An image made in memory by Pillow; `noise` makes it large and hard to compress."""
    import io
    import random

    import PIL.Image

    if noise:
        channels = len(mode)
        data = random.Random(0).randbytes(size[0] * size[1] * channels)
        picture = PIL.Image.frombytes(mode, size, data)
    else:
        picture = PIL.Image.new(mode, size, "#3a7" if mode != "RGBA" else (30, 120, 60, 128))
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def make_image(data: bytes | None = None, name: str = "photo.jpg", **overrides):
    """A saved Image, processed as an upload is (re-encoded, renditions stored)."""
    from django.core.files.base import ContentFile

    from pages.models import Image

    fields = {
        "title": "Market in Bamako",
        "alt_text_en": "Women selling vegetables at a market",
        "alt_text_fr": "Des femmes vendent des légumes au marché",
        "credit_en": "Photo: Global Affairs Canada",
        "credit_fr": "Photo : Affaires mondiales Canada",
    }
    fields.update(overrides)
    image = Image(**fields)
    image.file = ContentFile(data if data is not None else image_bytes(size=(1000, 500)), name=name)
    image.save()
    return image


def make_report(**overrides) -> FeedbackReport:
    fields = {"path": "/en/countries/mali/", "language": "en", "broken": True}
    fields.update(overrides)
    return FeedbackReport.objects.create(**fields)


def make_item(page: CountryPage, kind: str = "focus", **overrides):
    from pages.models import PageItem

    fields = {"page": page, "kind": kind, "text_en": "An item", "text_fr": "Un élément"}
    fields.update(overrides)
    return PageItem.objects.create(**fields)
