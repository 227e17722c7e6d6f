"""Problem reports sent from the "Report a problem on this page" form."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PROBLEM_FIELDS = (
    "broken",
    "spelling",
    "missing_info",
    "outdated",
    "cant_find",
    "other",
)


class FeedbackReport(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        HANDLED = "handled", _("Handled")

    page = models.ForeignKey(
        "pages.CountryPage",
        verbose_name=_("page"),
        null=True,
        blank=True,
        # A report outlives the page it is about.
        on_delete=models.SET_NULL,
        related_name="feedback_reports",
    )
    path = models.CharField(_("address"), max_length=500)
    language = models.CharField(
        _("language"), max_length=2, choices=[("en", "English"), ("fr", "Français")]
    )
    broken = models.BooleanField(_("A link, button or video is not working"), default=False)
    spelling = models.BooleanField(_("It has a spelling mistake"), default=False)
    missing_info = models.BooleanField(_("Information is missing"), default=False)
    outdated = models.BooleanField(_("Information is outdated or wrong"), default=False)
    cant_find = models.BooleanField(_("I can't find what I'm looking for"), default=False)
    other = models.BooleanField(_("Other issue not in this list"), default=False)
    details = models.TextField(_("details"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    staff_note = models.TextField(_("staff note"), blank=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(broken=True)
                    | Q(spelling=True)
                    | Q(missing_info=True)
                    | Q(outdated=True)
                    | Q(cant_find=True)
                    | Q(other=True)
                ),
                name="feedback_at_least_one_problem",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["en", "fr"]), name="feedback_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path} ({self.created_at:%Y-%m-%d})" if self.created_at else self.path
