"""Recording a country page's old slugs on save, and answering old URLs with a 301."""

from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponsePermanentRedirect

from pages.models import CountryPage
from pages.models.country import LANGUAGE_CODES
from pages.models.slug_redirect import SlugRedirect


def remember_slugs(page: CountryPage) -> None:
    """Before a save: note the stored slugs, to compare once saved."""
    if page.pk is None:
        page._stored_slugs = {}
        return
    stored = (
        CountryPage.objects.filter(pk=page.pk)
        .values(*(f"slug_{language}" for language in LANGUAGE_CODES))
        .first()
    )
    page._stored_slugs = stored or {}


def record_slug_changes(page: CountryPage) -> None:
    """After a save: each slug that changed becomes an old slug pointing at this page."""
    stored = getattr(page, "_stored_slugs", {})
    for language in LANGUAGE_CODES:
        old = stored.get(f"slug_{language}") or ""
        new = getattr(page, f"slug_{language}") or ""
        if new and new != old:
            # A slug in use again is no longer an old one.
            SlugRedirect.objects.filter(language=language, old_slug=new).delete()
        if old and old != new:
            SlugRedirect.objects.update_or_create(
                language=language, old_slug=old, defaults={"page": page}
            )


def redirect_old_slug(language: str, slug: str) -> HttpResponsePermanentRedirect:
    """A 301 to the current URL of the published page that once had `slug`, or 404."""
    entry = (
        SlugRedirect.objects.filter(old_slug=slug, page__in=CountryPage.objects.published())
        .select_related("page")
        # An old slug of this language first, then one of the other.
        .order_by(
            Case(
                When(language=language, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "-created_at",
        )
        .first()
    )
    if entry is None:
        raise Http404("No country page has this address.")
    return HttpResponsePermanentRedirect(entry.page.get_absolute_url(language))
