"""Uploaded images with their bilingual alt text and photo credit."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Image(models.Model):
    file = models.ImageField(
        _("image file"), upload_to="images/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    title = models.CharField(_("title"), max_length=200, help_text=_("For editors only."))
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = models.BooleanField(
        _("decorative"), default=False, help_text=_("Adds nothing to the text: no alt text needed.")
    )
    credit = models.CharField(
        _("photo credit"), max_length=200, blank=True, help_text=_("e.g. Shutterstock")
    )
    # Responsive renditions, generated once: [{"width": 480, "format": "webp", "name": ...}].
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.title
