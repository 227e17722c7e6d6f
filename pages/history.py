"""Page history with django-reversion: what is recorded, and field-by-field differences."""

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from reversion.models import Revision, Version

from pages.models import CountryPage, FundingFigure, PageItem, Section

# Bookkeeping fields whose changes say nothing to an editor.
IGNORED_FIELDS = {"id", "version", "created_at", "updated_at", "page"}
HISTORY_LIMIT = 50


def register_models() -> None:
    """A page's revision holds the page and all its inlines, so a restore brings back all."""
    if reversion.is_registered(CountryPage):
        return
    reversion.register(Section)
    reversion.register(FundingFigure)
    reversion.register(PageItem)
    reversion.register(CountryPage, follow=("sections", "funding_figures", "items"))


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ObjectChange:
    label: str
    action: str  # "added", "changed", "deleted"
    fields: list[FieldChange] = field(default_factory=list)


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # a tick box ("more than this amount"): yes or no, translated
        return gettext("Yes") if value else gettext("No")
    return Truncator(strip_tags(str(value))).chars(160)


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:  # a field since removed from the model
        return name


def _translated_label(model: type[models.Model], name: str) -> str:
    # "title_fr" -> "Page title [fr]", like modeltranslation's form labels.
    base, _sep, language = name.rpartition("_")
    if language in ("en", "fr") and base:
        try:
            model._meta.get_field(base)
        except FieldDoesNotExist:
            return _field_label(model, name)
        return f"{_field_label(model, base)} [{language}]"
    return _field_label(model, name)


def _snapshot(versions: list[Version]) -> dict[tuple[int, str], Version]:
    return {(version.content_type_id, version.object_id): version for version in versions}


def _object_label(version: Version) -> str:
    model = version._model
    if model is CountryPage:
        return str(capfirst(model._meta.verbose_name))
    return f"{capfirst(model._meta.verbose_name)} “{version.object_repr}”"


def diff_versions(old: Version | None, new: Version | None) -> ObjectChange | None:
    """What changed in one object between two versions (either may be missing)."""
    if old is None and new is None:
        return None
    if old is None:
        return ObjectChange(_object_label(new), "added")
    if new is None:
        return ObjectChange(_object_label(old), "deleted")
    model = new._model
    before, after = old.field_dict, new.field_dict
    changes = []
    for name, value in after.items():
        # A translated field's own column (modeltranslation keeps it beside
        # its _en and _fr ones) would repeat one of them.
        if name in IGNORED_FIELDS or f"{name}_en" in after:
            continue
        old_shown, new_shown = _display(before.get(name)), _display(value)
        # None and "" read the same (∅): no change to show.
        if old_shown != new_shown:
            changes.append(FieldChange(_translated_label(model, name), old_shown, new_shown))
    return ObjectChange(_object_label(new), "changed", changes) if changes else None


def diff_revisions(
    old: dict[tuple[int, str], Version], new: dict[tuple[int, str], Version]
) -> list[ObjectChange]:
    changes = []
    for key in sorted(
        set(old) | set(new), key=lambda k: (k[0], int(k[1]) if k[1].isdigit() else 0)
    ):
        change = diff_versions(old.get(key), new.get(key))
        if change is not None:
            changes.append(change)
    return changes


def page_versions(page_id: int | str) -> list[Version]:
    """The page's own versions with their revisions, oldest first (the latest HISTORY_LIMIT)."""
    versions = (
        Version.objects.get_for_object_reference(CountryPage, page_id)
        .select_related("revision", "revision__user")
        .order_by("-pk")[:HISTORY_LIMIT]
    )
    return list(reversed(versions))


def _snapshots(revisions: list[Revision]) -> dict[int, dict[tuple[int, str], Version]]:
    """{revision id: its versions by object}, in one query."""
    versions = Version.objects.filter(revision__in=revisions).select_related("content_type")
    by_revision: dict[int, list[Version]] = {}
    for version in versions:
        by_revision.setdefault(version.revision_id, []).append(version)
    return {revision.pk: _snapshot(by_revision.get(revision.pk, [])) for revision in revisions}


def revision_changes(revisions: list[Revision]) -> dict[int, list[ObjectChange]]:
    """{revision id: changes since the revision before it}, in one query."""
    snapshots = _snapshots(revisions)
    result = {}
    previous: dict[tuple[int, str], Version] = {}
    for index, revision in enumerate(revisions):
        snapshot = snapshots[revision.pk]
        # The oldest revision shown has nothing to compare to when history was cut.
        result[revision.pk] = diff_revisions(previous, snapshot) if index else []
        previous = snapshot
    return result


def changes_since(page: CountryPage, version_number: int) -> tuple[list[ObjectChange], list]:
    """
    What changed on `page` since the editor loaded `version_number`, and by whom.

    Returns (changes, revisions after that version). Empty changes when the
    history does not reach back that far.
    """
    versions = page_versions(page.pk)
    revisions = [version.revision for version in versions]
    base_index = None
    for index, version in enumerate(versions):
        if version.field_dict.get("version") == version_number:
            base_index = index
    if base_index is None:
        return [], revisions[-1:]
    later = revisions[base_index + 1 :]
    if not later:
        return [], []
    snapshots = _snapshots([revisions[base_index], later[-1]])
    return diff_revisions(snapshots[revisions[base_index].pk], snapshots[later[-1].pk]), later
