"""Which fields exist once per language (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from pages.models import (
    CountryPage,
    FocusPoint,
    FundingFigure,
    Image,
    PageItem,
    ProgramArea,
    RelatedLink,
    Result,
    Section,
    Video,
)


@register(ProgramArea)
class ProgramAreaTranslation(TranslationOptions):
    fields = ("name", "slug", "description")


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt_text", "credit")


@register(CountryPage)
class CountryPageTranslation(TranslationOptions):
    fields = ("name", "title", "slug", "intro", "focus_intro", "outro", "one_language_reason")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("heading", "body")


@register(PageItem)
class PageItemTranslation(TranslationOptions):
    fields = ("text", "url", "body", "transcript", "sub_text")


@register(FundingFigure)
class FundingFigureTranslation(TranslationOptions):
    fields = ("label", "source_url")


@register([FocusPoint, Result, Video, RelatedLink])
class PageItemKindTranslation(TranslationOptions):
    # Proxies of PageItem: their translated columns are PageItem's own.
    fields = ()
