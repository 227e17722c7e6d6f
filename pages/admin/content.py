"""Admin for country pages and program areas."""

from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from pages.models import (
    CountryPage,
    FocusPoint,
    FundingFigure,
    ProgramArea,
    RelatedLink,
    Result,
    Section,
    Video,
)


class SectionInline(TranslationStackedInline):
    model = Section
    extra = 0
    autocomplete_fields = ["image", "program_area"]


class FocusPointInline(TranslationTabularInline):
    model = FocusPoint
    fields = ["text", "order"]
    extra = 0


class ResultInline(TranslationStackedInline):
    model = Result
    fields = ["value", "text", "sub_value", "sub_text", "order"]
    extra = 0


class VideoInline(TranslationStackedInline):
    model = Video
    fields = ["text", "url", "body", "transcript", "order"]
    extra = 0


class RelatedLinkInline(TranslationTabularInline):
    model = RelatedLink
    fields = ["text", "url", "order"]
    extra = 0


class FundingFigureInline(TranslationStackedInline):
    model = FundingFigure
    fk_name = "page"
    extra = 0
    autocomplete_fields = ["program_area"]


@admin.register(CountryPage)
class CountryPageAdmin(TranslationAdmin):
    list_display = ["title", "iso_code", "status", "available_in", "date_modified"]
    list_filter = ["status", "available_in"]
    search_fields = ["name_en", "name_fr", "title_en", "title_fr", "iso_code"]
    autocomplete_fields = ["hero_image"]
    inlines = [
        FocusPointInline,
        SectionInline,
        FundingFigureInline,
        ResultInline,
        VideoInline,
        RelatedLinkInline,
    ]


@admin.register(ProgramArea)
class ProgramAreaAdmin(TranslationAdmin):
    list_display = ["name", "order"]
    search_fields = ["name_en", "name_fr"]
