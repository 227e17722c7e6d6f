"""Funding figures: amounts stored raw, formatted for each language on display."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pages.models.country import CountryPage


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
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("funding figure")
        verbose_name_plural = _("funding figures")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(currency__in=["CAD"]), name="funding_currency_known"
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=1900, start_year__lte=2100),
                name="funding_start_year_sane",
            ),
            models.CheckConstraint(
                condition=(
                    Q(period_type="fiscal", end_year=F("start_year") + 1)
                    | Q(period_type="year", end_year__isnull=True)
                    | Q(period_type="since", end_year__isnull=True)
                    | Q(period_type="range", end_year__gt=F("start_year"))
                ),
                name="funding_period_consistent",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.label_en or ""

    @property
    def amount_decimal(self) -> Decimal:
        return Decimal(self.amount)
