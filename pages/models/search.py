"""The site search index: one row per searchable object and language."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pages.fields import SearchVectorField
from pages.models.country import CountryPage

# PostgreSQL text search configurations per language, created by the migration
# `search_postgres`: the stock stemmer behind the `unaccent` dictionary, so "securite"
# finds "sécurité" and "humanitaires" finds "humanitaire".
SEARCH_CONFIGS = {"en": "english_unaccent", "fr": "french_unaccent"}


class SearchEntryQuerySet(models.QuerySet):
    def visible(self, language: str) -> "SearchEntryQuerySet":
        """
        Entries visitors of `language` may see now.

        Computed at query time from the page's state: a page scheduled for
        later is indexed already and appears by itself when its time comes.
        """
        page_is_live = (
            Q(page__status=CountryPage.Status.PUBLISHED)
            & (Q(page__publish_at__isnull=True) | Q(page__publish_at__lte=timezone.now()))
            & Q(page__available_in__in=[CountryPage.Availability.BOTH, language])
        )
        return self.filter(language=language).filter(
            page_is_live | Q(page__isnull=True, program_area__isnull=False)
        )


class SearchEntry(models.Model):
    """
    The plain text of one country page or program area in one language.

    Derived data, rebuilt from the content on every save (see
    `pages/search.py`) and by `manage.py rebuild_search_index`; never edited.
    `search_vector` is filled on PostgreSQL only (GIN-indexed by the
    `search_postgres` migration); SQLite matches the accent-folded `folded` copy instead.
    """

    page = models.ForeignKey(
        CountryPage,
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="search_entries",
    )
    program_area = models.ForeignKey(
        "pages.ProgramArea",
        verbose_name=_("program area"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="search_entries",
    )
    language = models.CharField(_("language"), max_length=2)
    title = models.CharField(_("title"), max_length=300)
    country = models.CharField(_("country"), max_length=120, blank=True)
    headings = models.TextField(_("headings"), blank=True)
    body = models.TextField(_("text"), blank=True)
    # The title lower-cased and accent-free, as pages.search.fold_text makes it:
    # results of equal rank in alphabetical order ("Éducation" before "Zones"),
    # which the raw title gives on neither SQLite nor a "C"-collated PostgreSQL.
    sort_title = models.TextField(blank=True)
    # Lower-case, accent-free, punctuation-free words separated by single
    # spaces and framed by spaces, so " term" matches at a word start.
    folded_title = models.TextField(blank=True)
    folded = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_title", "pk"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False, program_area__isnull=True)
                | Q(page__isnull=True, program_area__isnull=False),
                name="searchentry_one_target",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["en", "fr"]), name="searchentry_language_valid"
            ),
            models.UniqueConstraint(
                fields=["page", "language"],
                condition=Q(page__isnull=False),
                name="searchentry_unique_page_language",
            ),
            models.UniqueConstraint(
                fields=["program_area", "language"],
                condition=Q(program_area__isnull=False),
                name="searchentry_unique_area_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def get_absolute_url(self) -> str:
        target = self.page if self.page_id else self.program_area
        return target.get_absolute_url(self.language)
