"""Admin for funding figures across countries: amounts shown as the pages show them.

Figures are edited as an inline of their country page, where the publish
gate, edit conflicts and the page's history apply. This list is read-only:
the view across countries (filter by kind, program area, country), with
each amount and period in both languages through the same
`pages.formatting` functions the public pages use, and a link to the page
that edits it.
"""

from django.contrib import admin
from django.db.models import ForeignKey
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from pages.models import FundingFigure


def both_languages(figure: FundingFigure) -> str:
    """`$139.93 million (2018-2019)` over `139,93 millions de dollars (2018-2019)`."""
    if figure.amount is None or not figure.period_type or not figure.start_year:
        return "-"
    return format_html(
        '<span lang="en">{} ({})</span><br><span lang="fr">{} ({})</span>',
        figure.display_amount("en"),
        figure.display_period("en"),
        figure.display_amount("fr"),
        figure.display_period("fr"),
    )


class FundingFigureInlineMixin:
    """
    For the country page's figure inline: the "as shown" preview, and wholes from this page only.

    clean() refuses a whole from another page anyway; the narrower choice
    list keeps editors from picking one.
    """

    readonly_fields = ["as_shown"]

    @admin.display(description=_("as shown on the pages"))
    def as_shown(self, obj: FundingFigure) -> str:
        return both_languages(obj)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs
    ) -> ModelChoiceField | None:
        if db_field.name == "part_of":
            # On the page's change form, object_id is the page's.
            page_id = (
                request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            )
            queryset = FundingFigure.objects.select_related("page")
            kwargs["queryset"] = queryset.filter(page_id=page_id) if page_id else queryset.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(FundingFigure)
class FundingFigureAdmin(TranslationAdmin):
    list_display = ["label", "page", "kind", "program_area", "as_shown", "edit_on_page"]
    list_filter = ["kind", "period_type", "program_area", "page"]
    list_select_related = ["page", "program_area"]
    search_fields = ["label_en", "label_fr", "page__name_en", "page__name_fr"]
    readonly_fields = ["as_shown"]
    ordering = ["page__name_en", "order", "pk"]

    @admin.display(description=_("as shown on the pages"))
    def as_shown(self, obj: FundingFigure) -> str:
        return both_languages(obj)

    @admin.display(description=_("edit"))
    def edit_on_page(self, obj: FundingFigure) -> str:
        url = reverse("admin:pages_countrypage_change", args=[obj.page_id])
        return format_html('<a href="{}">{}</a>', url, _("on its country page"))

    # Read-only: a figure saved here would skip its page's publish gate, edit
    # conflict check and history (a published page could lose a label in
    # one language, or an editor's save overwrite another's amount).
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
