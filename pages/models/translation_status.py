"""Per-field, per-language change records that say which translations are missing or stale."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pages.models.country import CountryPage


class FieldTranslationState(models.Model):
    """
    The last known content of one translated field in one language, and when it changed.

    Rows are written on save by `pages.translation_status.record_translation_state`,
    which compares content hashes, so a save that leaves a field as it was does
    not move its change time. Each row also keeps the other language's hash
    as it was when this text was last written or caught up (`basis_hash`):
    this text is out of date (`is_stale`) while the other language's content
    differs from that basis. So a change to one language leaves the other out
    of date until it changes too, or until the change is undone (by hand or
    by restoring an earlier version from the history). The flags are kept
    here, denormalised, so the change list can filter and count without
    loading the rows.
    """

    page = models.ForeignKey(
        CountryPage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="translation_states",
    )
    # The concrete model's name: "countrypage", "section", "fundingfigure", "pageitem".
    model = models.CharField(_("content type"), max_length=30)
    object_id = models.PositiveBigIntegerField(_("object id"))
    field = models.CharField(_("field"), max_length=40)
    language = models.CharField(
        _("language"), max_length=2, choices=[("en", _("English")), ("fr", _("French"))]
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    basis_hash = models.CharField(
        _("other language's hash when written"), max_length=64, blank=True
    )
    is_empty = models.BooleanField(_("empty"), default=True)
    is_missing = models.BooleanField(_("missing"), default=False)
    is_stale = models.BooleanField(_("out of date"), default=False)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("field translation state")
        verbose_name_plural = _("field translation states")
        constraints = [
            models.UniqueConstraint(
                fields=["model", "object_id", "field", "language"],
                name="fieldtranslationstate_unique_field_language",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["en", "fr"]),
                name="fieldtranslationstate_language_valid",
            ),
        ]
        indexes = [models.Index(fields=["page", "language"], name="fts_page_language")]

    def __str__(self) -> str:
        return f"{self.model}:{self.object_id}.{self.field}_{self.language}"
