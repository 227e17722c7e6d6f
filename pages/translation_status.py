"""Which translated fields are empty or out of date, recorded from what actually changed."""

import hashlib
import html
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pages.models import CountryPage, FundingFigure, PageItem, Section
from pages.models.country import LANGUAGE_CODES, OTHER_LANGUAGE
from pages.models.translation_status import FieldTranslationState

LANGUAGE_NAMES = {"en": _("English"), "fr": _("French")}


@dataclass(frozen=True)
class TrackedModel:
    key: str
    # Translated text fields whose two languages should say the same thing.
    # URLs are left out on purpose: a link may exist in one language only.
    fields: tuple[str, ...]
    # Fields that must not be empty in a language the page is published in.
    required: tuple[str, ...]
    # Rich-text fields: "<p></p>" counts as empty.
    rich: tuple[str, ...] = ()


TRACKED: dict[type[models.Model], TrackedModel] = {
    CountryPage: TrackedModel(
        "countrypage",
        fields=("name", "title", "slug", "intro", "focus_intro", "outro"),
        required=("name", "title", "slug", "intro"),
        rich=("intro", "outro"),
    ),
    Section: TrackedModel(
        "section", fields=("heading", "body"), required=("heading", "body"), rich=("body",)
    ),
    FundingFigure: TrackedModel("fundingfigure", fields=("label",), required=("label",)),
    PageItem: TrackedModel(
        "pageitem",
        fields=("text", "body", "transcript", "sub_text"),
        required=("text",),
    ),
}
MODEL_BY_KEY = {spec.key: model for model, spec in TRACKED.items()}


def spec_for(model: type[models.Model]) -> TrackedModel | None:
    # Proxies (FocusPoint, Result, ...) share their concrete model's columns.
    return TRACKED.get(model._meta.concrete_model)


def is_blank(value: str | None, rich: bool = False) -> bool:
    text = value or ""
    if rich:
        # What a reader sees: "<p>&nbsp;</p>" or "<p>&#8203;</p>" is empty.
        text = html.unescape(strip_tags(text))
    return not "".join(char for char in text if char.isprintable() and not char.isspace())


def content_hash(value: str | None) -> str:
    return hashlib.sha256((value or "").strip().encode()).hexdigest()


def field_label(model: type[models.Model], field: str, language: str | None = None) -> str:
    """ "Page title (French)", in the active language."""
    label = capfirst(model._meta.get_field(field).verbose_name)
    if language is None:
        return str(label)
    return f"{label} ({LANGUAGE_NAMES[language]})"


def page_id_of(instance: models.Model) -> int:
    return instance.pk if isinstance(instance, CountryPage) else instance.page_id


def record_translation_state(instance: models.Model) -> None:
    """Store each tracked field's hash per language; move its change time only if it changed."""
    spec = spec_for(type(instance))
    if spec is None or instance.pk is None:
        return
    existing = {
        (state.field, state.language): state
        for state in FieldTranslationState.objects.filter(model=spec.key, object_id=instance.pk)
    }
    stored_basis = {state.pk: state.basis_hash for state in existing.values()}
    now = timezone.now()
    page_id = page_id_of(instance)
    created: list[FieldTranslationState] = []
    updated: list[FieldTranslationState] = []
    for field in spec.fields:
        values = {
            language: getattr(instance, f"{field}_{language}", "") for language in LANGUAGE_CODES
        }
        digest = {language: content_hash(value) for language, value in values.items()}
        pair: dict[str, FieldTranslationState] = {}
        changed: set[str] = set()
        for language in LANGUAGE_CODES:
            state = existing.get((field, language))
            if state is None:
                state = FieldTranslationState(
                    page_id=page_id,
                    model=spec.key,
                    object_id=instance.pk,
                    field=field,
                    language=language,
                    # A text first seen is taken as written against the other's.
                    basis_hash=digest[OTHER_LANGUAGE[language]],
                )
                created.append(state)
                changed.add(language)
            elif state.content_hash != digest[language]:
                changed.add(language)
            pair[language] = state
        if len(changed) == 2:
            # Both written in one save: each is the other's translation.
            for language in LANGUAGE_CODES:
                pair[language].basis_hash = digest[OTHER_LANGUAGE[language]]
        elif changed:
            (language,) = changed
            state, other = pair[language], OTHER_LANGUAGE[language]
            # A change to the language that was behind catches both up; a change
            # to one that was current moves it ahead, and leaves the other out of
            # date while it differs from what the other was written against.
            if state.is_stale or state.is_missing:
                state.basis_hash = digest[other]
                # The other text now follows this one, unless it was written
                # against another version of it (this one was emptied, then
                # something else put back): then it stays behind.
                if pair[other].basis_hash == state.content_hash:
                    pair[other].basis_hash = digest[language]
        for language in changed:
            state = pair[language]
            state.content_hash = digest[language]
            state.is_empty = is_blank(values[language], field in spec.rich)
            state.changed_at = now
        for language in LANGUAGE_CODES:
            state, other = pair[language], pair[OTHER_LANGUAGE[language]]
            missing = state.is_empty and (not other.is_empty or field in spec.required)
            behind = (
                other.content_hash != state.basis_hash and not state.is_empty and not other.is_empty
            )
            if state.pk is not None and (
                language in changed
                or (state.is_missing, state.is_stale, state.basis_hash)
                != (missing, behind, stored_basis[state.pk])
            ):
                updated.append(state)
            state.is_missing, state.is_stale = missing, behind
    if created:
        FieldTranslationState.objects.bulk_create(created)
    if updated:
        FieldTranslationState.objects.bulk_update(
            updated,
            ["content_hash", "basis_hash", "is_empty", "is_missing", "is_stale", "changed_at"],
        )


def mark_in_step(page: CountryPage) -> None:
    """
    Take every text of the page and its inlines as the translation of the other language's.

    For content written in both languages at once by code (the demo
    loader), where a change to one language is no edit the other missed.
    Empty texts stay missing.
    """
    states = list(FieldTranslationState.objects.filter(page=page))
    by_key = {(s.model, s.object_id, s.field, s.language): s for s in states}
    changed = []
    for state in states:
        other = by_key.get(
            (state.model, state.object_id, state.field, OTHER_LANGUAGE[state.language])
        )
        if other is None:
            continue
        if (state.basis_hash, state.is_stale) != (other.content_hash, False):
            state.basis_hash, state.is_stale = other.content_hash, False
            changed.append(state)
    FieldTranslationState.objects.bulk_update(changed, ["basis_hash", "is_stale"], batch_size=500)


def forget_translation_state(instance: models.Model) -> None:
    spec = spec_for(type(instance))
    if spec is not None and instance.pk is not None:
        FieldTranslationState.objects.filter(model=spec.key, object_id=instance.pk).delete()


def record_page_tree(page: CountryPage) -> None:
    """Record a page and everything on it (for content written without signals)."""
    record_translation_state(page)
    for related in (page.sections.all(), page.funding_figures.all(), page.items.all()):
        for instance in related:
            record_translation_state(instance)


# Change list: counts per page and language, as subqueries of the one list query.


def _count(language: str, flag: str) -> Coalesce:
    counts = (
        FieldTranslationState.objects.filter(page=OuterRef("pk"), language=language, **{flag: True})
        .order_by()
        .values("page")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts), Value(0))


def with_translation_counts(queryset: models.QuerySet) -> models.QuerySet:
    """Annotate `missing_en`, `stale_en`, `missing_fr`, `stale_fr` (field counts)."""
    return queryset.annotate(
        **{
            f"{kind}_{language}": _count(language, f"is_{kind}")
            for language in LANGUAGE_CODES
            for kind in ("missing", "stale")
        }
    )


def filter_by_status(queryset: models.QuerySet, language: str, kind: str) -> models.QuerySet:
    """Pages with a missing (`kind="missing"`) or stale field in `language`."""
    flagged = FieldTranslationState.objects.filter(
        page=OuterRef("pk"), language=language, **{f"is_{kind}": True}
    )
    # A page deliberately in the other language only is not missing this one.
    return queryset.filter(Exists(flagged)).exclude(available_in=OTHER_LANGUAGE[language])


# Change form: the flagged fields of one page, described for an editor.


@dataclass(frozen=True)
class FlaggedField:
    model: type[models.Model]
    object_id: int
    field: str
    language: str
    kind: str  # "missing" or "stale"
    changed_at: object
    other_changed_at: object
    other_empty: bool = False

    @property
    def form_field(self) -> str:
        return f"{self.field}_{self.language}"


def flagged_fields(page: CountryPage) -> list[FlaggedField]:
    """Every missing or out-of-date field of the page and its inlines (one query)."""
    states = list(
        FieldTranslationState.objects.filter(page=page).order_by("model", "object_id", "field")
    )
    by_key = {(s.model, s.object_id, s.field, s.language): s for s in states}
    flagged = []
    for state in states:
        if not (state.is_missing or state.is_stale):
            continue
        if page.available_in == OTHER_LANGUAGE[state.language]:
            continue
        other = by_key.get(
            (state.model, state.object_id, state.field, OTHER_LANGUAGE[state.language])
        )
        flagged.append(
            FlaggedField(
                model=MODEL_BY_KEY[state.model],
                object_id=state.object_id,
                field=state.field,
                language=state.language,
                kind="missing" if state.is_missing else "stale",
                changed_at=state.changed_at,
                other_changed_at=other.changed_at if other else None,
                other_empty=other.is_empty if other else True,
            )
        )
    return flagged


def flags_by_object(
    flags: Iterable[FlaggedField],
) -> dict[tuple[str, int], dict[str, FlaggedField]]:
    """{(model key, object id): {form field name: flag}}."""
    result: dict[tuple[str, int], dict[str, FlaggedField]] = defaultdict(dict)
    for flag in flags:
        result[(TRACKED[flag.model].key, flag.object_id)][flag.form_field] = flag
    return result


# The publish gate.


def required_languages(available_in: str) -> tuple[str, ...]:
    return LANGUAGE_CODES if available_in == CountryPage.Availability.BOTH else (available_in,)


def empty_required(
    model: type[models.Model], value_of: Callable[[str], str | None], languages: Iterable[str]
) -> list[tuple[str, str]]:
    """(form field name, label) of each required field of `model` empty in one of `languages`."""
    spec = spec_for(model)
    if spec is None:
        return []
    return [
        (f"{field}_{language}", field_label(model, field, language))
        for field in spec.required
        for language in languages
        if is_blank(value_of(f"{field}_{language}"), field in spec.rich)
    ]


def empty_required_fields(
    model: type[models.Model], value_of: Callable[[str], str | None], languages: Iterable[str]
) -> list[str]:
    """Labels of the required fields of `model` that are empty in one of `languages`."""
    return [label for _name, label in empty_required(model, value_of, languages)]


def image_alt_missing(image: object, languages: Iterable[str]) -> list[str]:
    """Languages in which a non-decorative image lacks its alternative text."""
    if image is None or getattr(image, "decorative", False):
        return []
    return [
        language for language in languages if is_blank(getattr(image, f"alt_text_{language}", ""))
    ]
