"""Small helpers that build test data."""

import datetime
from decimal import Decimal

from pages.models import (
    CountryPage,
    FeedbackReport,
    FundingFigure,
    PageItem,
    ProgramArea,
    Section,
)


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


def make_senegal(**overrides) -> CountryPage:
    """A second country, in both languages."""
    fields = {
        "iso_code": "SN",
        "name_en": "Senegal",
        "name_fr": "Sénégal",
        "title_en": "Canada's engagement in Senegal",
        "title_fr": "L'engagement du Canada au Sénégal",
        "slug_en": "senegal",
        "slug_fr": "senegal",
    }
    return make_country(**(fields | overrides))


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

    fields = {"page": page, "kind": kind, "text_en": "An item", "text_fr": "Un élément"}
    fields.update(overrides)
    return PageItem.objects.create(**fields)


# The seed page's figures (shared/seeds): (key, amount, kind, period, part of, area slug).
SEED_FIGURES = [
    ("assistance-since-2000", "1600000000", "assistance", ("since", 2000, None), None, "dev"),
    ("assistance-2018-2019", "139930000", "assistance", ("fiscal", 2018, 2019), "since", "dev"),
    ("humanitarian-since-2012", "67000000", "humanitarian", ("since", 2012, None), None, "hum"),
    ("trade-2018", "23100000", "trade_total", ("year", 2018, None), None, "trade"),
    ("exports-2018", "20900000", "trade_exports", ("year", 2018, None), "trade-2018", "trade"),
    ("imports-2018", "2200000", "trade_imports", ("year", 2018, None), "trade-2018", "trade"),
    ("trade-2019", "29500000", "trade_total", ("year", 2019, None), None, "trade"),
    ("exports-2019", "26600000", "trade_exports", ("year", 2019, None), "trade-2019", "trade"),
    ("imports-2019", "2900000", "trade_imports", ("year", 2019, None), "trade-2019", "trade"),
    ("b2gold", "600000000", "investment", ("year", 2017, None), None, "trade"),
    ("psops-2016-2019", "30000000", "stabilization", ("range", 2016, 2019), None, "peace"),
    ("psops-2019-2022", "28000000", "stabilization", ("range", 2019, 2022), None, "peace"),
    ("minusma", "9800000", "stabilization", ("range", 2016, 2020), None, "peace"),
    ("empabb", "1000000", "stabilization", ("range", 2018, 2020), None, "peace"),
]
SEED_AREAS = {
    "dev": ("Development assistance", "Aide au développement", "development-assistance"),
    "hum": ("Humanitarian assistance", "Aide humanitaire", "humanitarian-assistance"),
    "trade": ("Trade and investment", "Commerce et investissement", "trade-and-investment"),
    "peace": ("Peace and security", "Paix et sécurité", "peace-and-security"),
}


def make_seed_figures(page: CountryPage) -> dict[str, FundingFigure]:
    """The seed page's funding figures on `page`, keyed by a short name."""
    areas = {}
    for key, (name_en, name_fr, slug) in SEED_AREAS.items():
        areas[key] = ProgramArea.objects.filter(slug_en=slug).first() or make_program_area(
            name_en=name_en, name_fr=name_fr, slug_en=slug, slug_fr=slug
        )
    figures: dict[str, FundingFigure] = {}
    for order, (key, amount, kind, period, part_of, area) in enumerate(SEED_FIGURES):
        period_type, start, end = period
        whole = None
        if part_of == "since":
            whole = figures["assistance-since-2000"]
        elif part_of:
            whole = figures[part_of]
        figures[key] = make_figure(
            page,
            amount=Decimal(amount),
            kind=kind,
            period_type=period_type,
            start_year=start,
            end_year=end,
            part_of=whole,
            program_area=areas[area],
            order=order,
            label_en=f"Seed figure {key}",
            label_fr=f"Chiffre de la page {key}",
            source_url_en="https://www.international.gc.ca/country-pays/mali/relations.aspx?lang=eng",
            source_url_fr="https://www.international.gc.ca/country-pays/mali/relations.aspx?lang=fra",
            as_of=datetime.date(2020, 6, 30),
        )
    return figures


def make_staff_user(username: str = "editor", groups: tuple[str, ...] = (), **overrides):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        username=username, password="a long test password 42", is_staff=True, **overrides
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user
