"""Country pages and the ordered content that makes them up."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pages.models.slugs import check_slugs_apart
from pages.reversing import slug_url
from pages.richtext import sanitize_html

LANGUAGE_CODES = ("en", "fr")
OTHER_LANGUAGE = {"en": "fr", "fr": "en"}


class CountryPageQuerySet(models.QuerySet):
    def published(self, now=None) -> "CountryPageQuerySet":
        """
        Pages visitors may see now: published, and past their go-live time if scheduled.

        `now` is the time to compare with, timezone.now() unless given (the
        country page's prepared query gives a Slot: pages/prepared.py).
        """
        # One filter() call: each costs a clone and a pass of modeltranslation's rewriting.
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now() if now is None else now),
            status=CountryPage.Status.PUBLISHED,
        )

    def available_in(self, language: str) -> "CountryPageQuerySet":
        """Pages that have a version in `language`."""
        return self.filter(available_in__in=[CountryPage.Availability.BOTH, language])


class CountryPage(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Availability(models.TextChoices):
        BOTH = "both", _("English and French")
        EN = "en", _("English only")
        FR = "fr", _("French only")

    iso_code = models.CharField(
        _("ISO 3166 country code"), max_length=2, unique=True, help_text=_("e.g. ML for Mali")
    )
    name = models.CharField(_("country name"), max_length=120, help_text=_("e.g. Mali"))
    title = models.CharField(
        _("page title"), max_length=200, help_text=_("e.g. Canada's engagement in Mali")
    )
    slug = models.SlugField(_("slug"), max_length=120, help_text=_("e.g. mali"))
    intro = models.TextField(_("introduction"), blank=True)
    focus_intro = models.CharField(
        _("focus list heading"),
        max_length=300,
        blank=True,
        help_text=_("e.g. To achieve this, Canada's work in Mali focuses on:"),
    )
    outro = models.TextField(_("closing paragraph"), blank=True)
    hero_image = models.ForeignKey(
        "pages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("go live at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to go live as soon as the page is published."),
    )
    available_in = models.CharField(
        _("available in"),
        max_length=4,
        choices=Availability.choices,
        default=Availability.BOTH,
        help_text=_("Choose one language only when the page is deliberately not translated."),
    )
    one_language_reason = models.CharField(
        _("reason for one language only"),
        max_length=300,
        blank=True,
        help_text=_("Shown to visitors of the other language."),
    )
    date_modified = models.DateField(
        _("date modified"),
        default=timezone.localdate,
        help_text=_("Shown as “Date modified”. Change it for significant changes only."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CountryPageQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "pk"]
        verbose_name = _("country page")
        verbose_name_plural = _("country pages")
        # Editors may edit pages; only holders of this permission may make them live.
        permissions = [("publish_countrypage", _("Can publish country pages"))]
        constraints = [
            models.UniqueConstraint(fields=["slug_en"], name="countrypage_unique_slug_en"),
            models.UniqueConstraint(
                fields=["slug_fr"],
                condition=~Q(slug_fr=None) & ~Q(slug_fr=""),
                name="countrypage_unique_slug_fr",
                violation_error_message=_("Another country page already has this French slug."),
            ),
            models.CheckConstraint(
                condition=Q(iso_code__regex=r"^[A-Z]{2}$"),
                name="countrypage_iso_code_format",
                violation_error_message=_(
                    "The ISO code is two capital letters (ISO 3166-1 alpha-2), e.g. ML."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="countrypage_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(available_in__in=["both", "en", "fr"]),
                name="countrypage_available_in_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.title_en or self.name_en or ""

    def save(self, *args, **kwargs) -> None:
        for language in LANGUAGE_CODES:
            for field in ("intro", "outro"):
                name = f"{field}_{language}"
                setattr(self, name, sanitize_html(getattr(self, name) or ""))
        super().save(*args, **kwargs)

    def get_absolute_url(self, language: str | None = None) -> str:
        language = language or get_language() or "en"
        slug = getattr(self, f"slug_{language}", None) or self.slug_en
        return slug_url("pages:country-detail", language, slug)

    def clean(self) -> None:
        check_slugs_apart(self)

    def is_available_in(self, language: str) -> bool:
        return self.available_in in (self.Availability.BOTH, language)

    @property
    def is_live(self) -> bool:
        return is_live(self.status, self.publish_at)


def is_live(status: str, publish_at: datetime.datetime | None) -> bool:
    """Whether a page in this state is on the site now: published, and past its go-live time."""
    return status == CountryPage.Status.PUBLISHED and (
        publish_at is None or publish_at <= timezone.now()
    )


class Section(models.Model):
    """One "area of action": heading, rich text, optional photo and program area."""

    page = models.ForeignKey(
        CountryPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="sections"
    )
    heading = models.CharField(
        _("heading"), max_length=200, help_text=_("e.g. Humanitarian assistance")
    )
    heading_level = models.PositiveSmallIntegerField(
        _("heading level"),
        choices=[(3, _("Area of action")), (4, _("Sub-section"))],
        default=3,
    )
    body = models.TextField(_("text"), blank=True)
    image = models.ForeignKey(
        "pages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    program_area = models.ForeignKey(
        "pages.ProgramArea",
        verbose_name=_("program area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sections",
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.CheckConstraint(
                condition=Q(heading_level__in=[3, 4]), name="section_heading_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.heading or self.heading_en or ""

    def save(self, *args, **kwargs) -> None:
        for language in LANGUAGE_CODES:
            name = f"body_{language}"
            setattr(self, name, sanitize_html(getattr(self, name) or ""))
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return section_anchor(self.pk)


def section_anchor(pk: int) -> str:
    """The id of a section's element on its page, for links to it."""
    return f"section-{pk}"


class PageItem(models.Model):
    """
    The page's small ordered items (focus points, results, videos, links) in one table.

    One table keeps the country page to a fixed, small number of queries
    however many items it has; each kind is a proxy model with its own
    admin inline.
    """

    class Kind(models.TextChoices):
        FOCUS = "focus", _("Focus point")
        RESULT = "result", _("Result")
        VIDEO = "video", _("Video")
        LINK = "link", _("Related link")

    page = models.ForeignKey(
        CountryPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("text"), max_length=500)
    url = models.URLField(_("address"), max_length=500, blank=True)
    body = models.TextField(_("caption"), blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    value = models.DecimalField(_("number"), max_digits=14, decimal_places=2, null=True, blank=True)
    sub_value = models.DecimalField(
        _("of which"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    sub_text = models.CharField(_("of which, label"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = _("page item")
        verbose_name_plural = _("page items")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["focus", "result", "video", "link"]),
                name="pageitem_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="pageitem_value_not_negative",
                violation_error_message=_("The number cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(sub_value__isnull=True)
                | (
                    Q(value__isnull=False)
                    & Q(sub_value__gte=0)
                    & Q(sub_value__lte=models.F("value"))
                ),
                name="pageitem_sub_value_within_value",
                violation_error_message=_(
                    "“Of which” needs the number it is part of, and can be neither negative "
                    "nor larger than it."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text or self.text_en or ""

    def target_language_only(self, language: str) -> str | None:
        """For a link: the one language its target exists in, if not `language`."""
        return link_target(self.link_urls(), language)[1]

    def url_for(self, language: str) -> str:
        return link_target(self.link_urls(), language)[0]

    def link_urls(self) -> dict[str, str]:
        return {code: getattr(self, f"url_{code}", "") for code in LANGUAGE_CODES}


def link_target(urls: dict[str, str], language: str) -> tuple[str, str | None]:
    """
    A related link's address for a `language` page, and the language it is only in.

    Its own address in that language if it has one; else its address in
    another language, which the page then says.
    """
    if urls.get(language):
        return urls[language], None
    for code in LANGUAGE_CODES:
        if code != language and urls.get(code):
            return urls[code], code
    return "", None


class KindManager(models.Manager):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(kind=self.kind)


class KindMixin:
    """Stamps a proxy's kind on save, so an admin inline never has to."""

    KIND = ""

    def save(self, *args, **kwargs) -> None:
        self.kind = self.KIND
        super().save(*args, **kwargs)


class FocusPoint(KindMixin, PageItem):
    KIND = PageItem.Kind.FOCUS
    objects = KindManager(KIND)

    class Meta:
        proxy = True
        verbose_name = _("focus point")
        verbose_name_plural = _("focus points")


class Result(KindMixin, PageItem):
    KIND = PageItem.Kind.RESULT
    objects = KindManager(KIND)

    class Meta:
        proxy = True
        verbose_name = _("result")
        verbose_name_plural = _("results")


class Video(KindMixin, PageItem):
    KIND = PageItem.Kind.VIDEO
    objects = KindManager(KIND)

    class Meta:
        proxy = True
        verbose_name = _("video")
        verbose_name_plural = _("videos")


class RelatedLink(KindMixin, PageItem):
    KIND = PageItem.Kind.LINK
    objects = KindManager(KIND)

    class Meta:
        proxy = True
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
