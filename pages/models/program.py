"""Program areas: the reusable taxonomy of Canada's kinds of engagement."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pages.models.slugs import check_slugs_apart
from pages.reversing import slug_url


class ProgramAreaQuerySet(models.QuerySet):
    def ordered(self) -> "ProgramAreaQuerySet":
        return self.order_by("order", "pk")


class ProgramArea(models.Model):
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Humanitarian assistance"))
    slug = models.SlugField(_("slug"), max_length=120, help_text=_("e.g. humanitarian-assistance"))
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProgramAreaQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("program area")
        verbose_name_plural = _("program areas")
        constraints = [
            models.UniqueConstraint(fields=["slug_en"], name="programarea_unique_slug_en"),
            models.UniqueConstraint(
                fields=["slug_fr"],
                condition=~models.Q(slug_fr=None) & ~models.Q(slug_fr=""),
                name="programarea_unique_slug_fr",
                violation_error_message=_("Another program area already has this French slug."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.name_en or ""

    def get_absolute_url(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = (language or get_language() or "en")[:2]
        slug = getattr(self, f"slug_{language}", None) or self.slug_en
        return area_url(language, slug)

    def clean(self) -> None:
        check_slugs_apart(self)


def area_url(language: str, slug: str) -> str:
    """A program area's URL in `language`."""
    return slug_url("pages:programarea-detail", language, slug)
