"""Funding figures: amounts stored raw, formatted for each language on display."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pages.formatting import format_amount, format_period
from pages.models.country import CountryPage

FIRST_YEAR = 1900
LAST_YEAR = 2100
# Canada's fiscal year runs from April 1 to March 31.
FISCAL_YEAR_START = (4, 1)
TRADE_KINDS = frozenset({"trade_total", "trade_exports", "trade_imports", "investment"})


class FundingFigure(models.Model):
    class Kind(models.TextChoices):
        ASSISTANCE = "assistance", _("International assistance")
        DEVELOPMENT = "development", _("Development assistance")
        HUMANITARIAN = "humanitarian", _("Humanitarian assistance")
        STABILIZATION = "stabilization", _("Peace and stabilization")
        TRADE_TOTAL = "trade_total", _("Bilateral merchandise trade")
        TRADE_EXPORTS = "trade_exports", _("Trade: exports")
        TRADE_IMPORTS = "trade_imports", _("Trade: imports")
        INVESTMENT = "investment", _("Investment")

    class PeriodType(models.TextChoices):
        FISCAL_YEAR = "fiscal", _("Fiscal year (e.g. 2018-2019)")
        YEAR = "year", _("Calendar year (e.g. 2019)")
        RANGE = "range", _("Range of years (e.g. 2016-2019)")
        SINCE = "since", _("Since a year (e.g. since 2000)")

    class Currency(models.TextChoices):
        CAD = "CAD", _("Canadian dollars (CAD)")

    class Flow(models.TextChoices):
        # The IATI transaction types these map to, for the open data.
        DISBURSEMENT = "disbursement", _("Disbursed (money spent or paid out)")
        COMMITMENT = "commitment", _("Committed (money promised for the period)")

    page = models.ForeignKey(
        CountryPage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="funding_figures",
    )
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, help_text=_("e.g. 139930000.00")
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CAD
    )
    more_than = models.BooleanField(
        _("more than this amount"),
        default=False,
        help_text=_(
            "Tick when the source gives “more than” or “over” this amount: the pages "
            "then say “more than $30 million” / “plus de 30 millions de dollars”."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period_type = models.CharField(_("period type"), max_length=10, choices=PeriodType.choices)
    start_year = models.PositiveSmallIntegerField(_("first year"), help_text=_("e.g. 2018"))
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        help_text=_("e.g. 2019 for the fiscal year 2018-2019; empty for “since”."),
    )
    program_area = models.ForeignKey(
        "pages.ProgramArea",
        verbose_name=_("program area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_figures",
    )
    label = models.CharField(
        _("label"), max_length=300, help_text=_("e.g. International assistance to Mali")
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text=_("The larger figure this one is included in, if any."),
    )
    flow = models.CharField(
        _("disbursed or committed"),
        max_length=12,
        choices=Flow.choices,
        blank=True,
        help_text=_(
            "For assistance: whether the amount was paid out or is promised. "
            "Leave empty for trade and investment."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("funding figure")
        verbose_name_plural = _("funding figures")
        constraints = [
            # Each mirrors a check of clean(), which gives the friendlier message.
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="funding_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(currency__in=["CAD"]),
                name="funding_currency_known",
                violation_error_message=_("Unknown currency: figures are in Canadian dollars."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=1900, start_year__lte=2100),
                name="funding_start_year_sane",
                violation_error_message=_("Give a first year between 1900 and 2100."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(period_type="fiscal", end_year=F("start_year") + 1)
                    | Q(period_type="year", end_year__isnull=True)
                    | Q(period_type="since", end_year__isnull=True)
                    | Q(period_type="range", end_year__gt=F("start_year"))
                ),
                name="funding_period_consistent",
                violation_error_message=_("The period's years do not match its type."),
            ),
            models.CheckConstraint(
                condition=Q(part_of__isnull=True) | ~Q(part_of=F("pk")),
                name="funding_not_part_of_itself",
                violation_error_message=_("A figure cannot be a part of itself."),
            ),
            models.CheckConstraint(
                condition=Q(flow__in=["", "disbursement", "commitment"])
                & (Q(flow="") | ~Q(kind__in=sorted(TRADE_KINDS))),
                name="funding_flow_valid",
                violation_error_message=_(
                    "Trade and investment figures are neither disbursed nor committed: "
                    "leave that choice empty."
                ),
            ),
        ]

    def __str__(self) -> str:
        label = self.label or self.label_en or ""
        if self.amount is None or not self.period_type or not self.start_year:
            return label
        # Shown in the admin's "part of" choices: the amount tells figures apart.
        return f"{label}: {self.display_amount()} ({self.display_period()})"

    def clean(self) -> None:
        errors: dict[str, list] = {}

        def add(field: str, message: str, **params: object) -> None:
            errors.setdefault(field, []).append(ValidationError(message, params=params or None))

        if self.amount is not None and self.amount < 0:
            add("amount", _("The amount cannot be negative."))
        if self.currency and self.currency not in self.Currency.values:
            add(
                "currency",
                _("Unknown currency “%(currency)s”: figures are in Canadian dollars (CAD)."),
                currency=self.currency,
            )
        self._clean_period(add)
        if self.flow and self.kind in TRADE_KINDS:
            add(
                "flow",
                _(
                    "Trade and investment figures are neither disbursed nor committed: "
                    "leave that choice empty."
                ),
            )
        if not errors:
            self._clean_parts(add)
        if errors:
            raise ValidationError(errors)

    def _clean_period(self, add: Callable[..., None]) -> None:
        start, end = self.start_year, self.end_year
        if start is None:
            return
        if not FIRST_YEAR <= start <= LAST_YEAR:
            add("start_year", _("Give a first year between 1900 and 2100."))
            return
        if self.period_type == self.PeriodType.FISCAL_YEAR:
            if end is None:
                # A fiscal year is named by its first year: the second follows.
                self.end_year = start + 1
            elif end != start + 1:
                add(
                    "end_year",
                    _(
                        "A fiscal year runs from April of one year to March of the next, "
                        "written %(start)s-%(next)s: the last year must be %(next)s."
                    ),
                    start=start,
                    next=start + 1,
                )
        elif self.period_type == self.PeriodType.SINCE and end is not None:
            add("end_year", _("A “since” period has no last year: leave it empty."))
        elif self.period_type == self.PeriodType.YEAR and end is not None:
            add(
                "end_year",
                _("A calendar year has no last year: leave it empty, or choose a range of years."),
            )
        elif self.period_type == self.PeriodType.RANGE:
            if end is None:
                add("end_year", _("A range of years needs a last year."))
            elif end < start:
                add("end_year", _("The last year cannot be before the first year."))
            elif end == start:
                add(
                    "end_year",
                    _("A range needs two different years; for one year, choose “Calendar year”."),
                )
            elif end > LAST_YEAR:
                add("end_year", _("Give a last year no later than 2100."))

    def _clean_parts(self, add: Callable[..., None]) -> None:
        whole = self.part_of
        if whole is not None:
            if self.pk is not None and whole.pk == self.pk:
                add("part_of", _("A figure cannot be a part of itself."))
                return
            if whole.page_id != self.page_id:
                add("part_of", _("A figure can only be a part of a figure on the same page."))
                return
            if self._is_above(whole):
                add("part_of", _("These two figures would each be a part of the other."))
                return
            if self.amount is not None and self.amount > whole.amount:
                add(
                    "amount",
                    _("A part cannot exceed the figure it belongs to (%(whole)s)."),
                    whole=whole.display_amount(),
                )
            start, end = self.period_dates()
            whole_start, whole_end = whole.period_dates()
            outside = start < whole_start or (
                whole_end is not None and (end is None or end > whole_end)
            )
            if outside:
                add(
                    "part_of",
                    _(
                        "A part must fall within the period of the figure it belongs to "
                        "(%(period)s)."
                    ),
                    period=whole.display_period(),
                )
        if self.pk is not None and self.amount is not None:
            larger = self.parts.filter(amount__gt=self.amount).order_by("-amount").first()
            if larger is not None:
                add(
                    "amount",
                    _("This amount is smaller than a figure that is part of it (%(part)s)."),
                    part=str(larger),
                )

    def _is_above(self, figure: "FundingFigure") -> bool:
        """Whether `figure` is, through its own wholes, a part of this figure."""
        if self.pk is None:
            return False
        seen = set()
        while figure is not None and figure.pk not in seen:
            if figure.part_of_id == self.pk:
                return True
            seen.add(figure.pk)
            figure = figure.part_of
        return False

    @property
    def amount_decimal(self) -> Decimal:
        return Decimal(self.amount)

    @property
    def is_trade(self) -> bool:
        return self.kind in TRADE_KINDS

    def display_amount(self, language: str | None = None) -> str:
        return format_amount(self.amount, self.more_than, language or get_language())

    def display_period(self, language: str | None = None) -> str:
        return format_period(self.period_type, self.start_year, self.end_year, language)

    def period_dates(self) -> tuple[datetime.date, datetime.date | None]:
        """
        The first and last day the period covers, as IATI's period-start/period-end.

        A fiscal year runs April 1 to March 31; a year or range of years is
        calendar years; "since" has no end (the open data uses its "as of"
        date when there is one).
        """
        start, end = self.start_year, self.end_year
        if self.period_type == self.PeriodType.FISCAL_YEAR:
            month, day = FISCAL_YEAR_START
            last = end or start + 1
            return (
                datetime.date(start, month, day),
                datetime.date(last, month, day) - datetime.timedelta(days=1),
            )
        if self.period_type == self.PeriodType.SINCE:
            return datetime.date(start, 1, 1), None
        return datetime.date(start, 1, 1), datetime.date(end or start, 12, 31)
