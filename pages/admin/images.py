"""Admin for images: uploads validated and re-encoded, a preview, renditions listed."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from pages.models import Image


@admin.register(Image)
class ImageAdmin(TranslationAdmin):
    list_display = ["title", "preview", "width", "height", "decorative", "updated_at"]
    list_filter = ["decorative"]
    search_fields = ["title", "alt_text_en", "alt_text_fr", "credit_en", "credit_fr"]
    # Also the order of the image pickers (autocomplete), which page through it.
    ordering = ["title", "pk"]
    readonly_fields = ["preview", "width", "height", "rendition_list"]
    fieldsets = [
        (None, {"fields": ["title", "file", "preview"]}),
        (
            _("English and French"),
            {
                "fields": [
                    "decorative",
                    ("alt_text_en", "alt_text_fr"),
                    ("credit_en", "credit_fr"),
                ],
                # The editorial admin's layout (pages/admin/content.py), for the same habits.
                "classes": ["side-by-side"],
            },
        ),
        (_("Renditions"), {"fields": ["width", "height", "rendition_list"]}),
    ]

    class Media:
        css = {"all": ["pages/admin/editorial.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        translated = getattr(db_field, "translated_field", None)
        if field is not None and translated is not None and translated.name == "credit":
            # Image.clean() requires the credit in both languages: the form
            # says so up front (a bold label), not after the upload.
            field.required = True
        return field

    @admin.display(description=_("preview"))
    def preview(self, obj: Image) -> str:
        if not obj.file:
            return "-"
        # The smallest rendition: the change list stays light with many images.
        renditions = obj.fallback_renditions
        url = obj.file.storage.url(renditions[0]["name"]) if renditions else obj.file.url
        return format_html(
            '<img src="{}" alt="" width="120" height="{}" loading="lazy">',
            url,
            round(120 * obj.height / obj.width) if obj.width else 80,
        )

    @admin.display(description=_("renditions"))
    def rendition_list(self, obj: Image) -> str:
        if not obj.renditions:
            return _("Made when an image file is uploaded.")
        return format_html_join(
            ", ",
            '<a href="{}">{}×{} {}</a>',
            (
                (obj.file.storage.url(r["name"]), r["width"], r["height"], r["format"].upper())
                for r in obj.renditions
            ),
        )
