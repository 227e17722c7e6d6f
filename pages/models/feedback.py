"""Problem reports sent from the "Report a problem on this page" form."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PROBLEM_FIELDS = (
    "broken",
    "spelling",
    "missing_info",
    "outdated",
    "cant_find",
    "other",
)

# What a visitor may type; the stored text may be longer because redaction
# markers ("[courriel retiré]") can be longer than what they replace.
DETAILS_MAX_LENGTH = 300
STORED_DETAILS_MAX_LENGTH = 1000
PATH_MAX_LENGTH = 500


class FeedbackReportQuerySet(models.QuerySet):
    def new(self) -> "FeedbackReportQuerySet":
        return self.filter(status=FeedbackReport.Status.NEW)

    def mark_handled(self) -> int:
        """Mark the new reports among these as handled now; return how many changed."""
        return self.new().update(status=FeedbackReport.Status.HANDLED, handled_at=timezone.now())

    def mark_new(self) -> int:
        """Reopen handled reports; return how many changed."""
        return self.filter(status=FeedbackReport.Status.HANDLED).update(
            status=FeedbackReport.Status.NEW, handled_at=None
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
    path = models.CharField(
        _("address"),
        max_length=PATH_MAX_LENGTH,
        help_text=_("The address of the page as the visitor saw it, e.g. /en/countries/mali/"),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=[("en", "English"), ("fr", "Français")]
    )
    broken = models.BooleanField(_("A link, button or video is not working"), default=False)
    spelling = models.BooleanField(_("It has a spelling mistake"), default=False)
    missing_info = models.BooleanField(_("Information is missing"), default=False)
    outdated = models.BooleanField(_("Information is outdated or wrong"), default=False)
    cant_find = models.BooleanField(_("I can't find what I'm looking for"), default=False)
    other = models.BooleanField(_("Other issue not in this list"), default=False)
    details = models.TextField(
        _("details"),
        blank=True,
        help_text=_("What the visitor wrote, with personal information removed."),
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    staff_note = models.TextField(
        _("staff note"),
        blank=True,
        help_text=_("For staff only, e.g. 'Link fixed, see ticket 123'. Visitors never see it."),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = FeedbackReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        permissions = [
            ("handle_feedbackreport", _("Can mark problem reports as handled")),
        ]
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
            # "Handled" and "handled at" can never disagree, whoever writes the row.
            models.CheckConstraint(
                condition=(
                    Q(status="new", handled_at__isnull=True)
                    | Q(status="handled", handled_at__isnull=False)
                ),
                name="feedback_handled_at_matches_status",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("details"), STORED_DETAILS_MAX_LENGTH),
                name="feedback_details_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path} ({self.created_at:%Y-%m-%d})" if self.created_at else self.path

    @property
    def problems(self) -> list[str]:
        """The names of the boxes the visitor ticked, in form order."""
        return [name for name in PROBLEM_FIELDS if getattr(self, name)]

    @classmethod
    def problem_choices(cls) -> list[tuple[str, str]]:
        """(field name, translatable label) for each checkbox, in form order."""
        return [(name, cls._meta.get_field(name).verbose_name) for name in PROBLEM_FIELDS]
