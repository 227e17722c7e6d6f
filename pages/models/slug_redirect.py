"""Old slugs of country pages, so a renamed page's old URL answers with a 301."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pages.models.country import CountryPage


class SlugRedirect(models.Model):
    page = models.ForeignKey(
        CountryPage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="old_slugs",
    )
    language = models.CharField(
        _("language"), max_length=2, choices=[("en", _("English")), ("fr", _("French"))]
    )
    old_slug = models.SlugField(_("old slug"), max_length=120)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            # The latest page to give up a slug takes its old URL.
            models.UniqueConstraint(
                fields=["language", "old_slug"], name="slugredirect_unique_language_slug"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["en", "fr"]), name="slugredirect_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.old_slug}"
