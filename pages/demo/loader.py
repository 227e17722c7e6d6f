"""Writes the demo data into the database, idempotently: same rows however often it runs."""

import os
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TextIO

from django.core.files.base import ContentFile
from django.db import models, transaction

from pages import search
from pages.demo import mali, other_countries, program_areas
from pages.demo.images import DemoImage, file_name, render_scene
from pages.images import delete_stored
from pages.models import CountryPage, FundingFigure, Image, PageItem, ProgramArea, Section
from pages.richtext import sanitize_html
from pages.translation_status import mark_in_step

COUNTRIES = [mali.PAGE, *other_countries.PAGES]

# Every field an item may set: an item that drops one in the data gets it cleared.
ITEM_DEFAULTS: dict[str, Any] = {
    "text_en": "",
    "text_fr": "",
    "url_en": "",
    "url_fr": "",
    "body_en": "",
    "body_fr": "",
    "transcript_en": "",
    "transcript_fr": "",
    "value": None,
    "sub_value": None,
    "sub_text_en": "",
    "sub_text_fr": "",
}
FIGURE_DEFAULTS: dict[str, Any] = {
    "end_year": None,
    "source_url_en": "",
    "source_url_fr": "",
    "as_of": None,
    "currency": FundingFigure.Currency.CAD,
    "more_than": False,
    "flow": "",
}

# Fields whose model's save() sanitises them: compare the sanitised form, or
# every run would see a "change" and save again.
RICH_TEXT_FIELDS = {
    CountryPage: {"intro_en", "intro_fr", "outro_en", "outro_fr"},
    Section: {"body_en", "body_fr"},
}


class Tally:
    """Counts what a run did, for the command's summary."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def __str__(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in self.counts.items())


# A thousands group ("15 000") or a number and its unit ("1,6 milliard", "45 $").
FRENCH_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d)|millions?\b|milliards?\b|\$)")


def french_spacing(text: str) -> str:
    """
    Non-breaking spaces where Canadian French typography wants them.

    Before a colon, inside numbers and between a number and its unit, so
    that no line starts with a lone colon or splits "15 000". The demo text
    is typed with plain spaces so that it stays readable in the source.
    """
    return FRENCH_NUMBER_SPACE.sub("\u00a0", text.replace(" :", "\u00a0:"))


def _normalised(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    rich = RICH_TEXT_FIELDS.get(model, set())
    result = {}
    for name, value in values.items():
        if name.endswith("_fr") and isinstance(value, str):
            value = french_spacing(value)
        result[name] = sanitize_html(value) if name in rich else value
    return result


def _same(current: Any, wanted: Any) -> bool:
    if isinstance(wanted, Decimal) and current is not None:
        return Decimal(current) == wanted
    if isinstance(wanted, models.Model) or isinstance(current, models.Model):
        return getattr(current, "pk", None) == getattr(wanted, "pk", None)
    return current == wanted


def upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], tally: Tally
) -> models.Model:
    """
    `update_or_create`, but saving only when a value differs.

    Django's update_or_create always saves, which would touch `updated_at`
    (and anything else hooked on save) on every run: a re-run must leave an
    unchanged row byte for byte as it was.
    """
    values = _normalised(model, values)
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        tally.add("created")
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, wanted in values.items() if not _same(getattr(obj, name), wanted)]
    if not changed:
        tally.add("unchanged")
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    obj.save()
    tally.add("updated")
    return obj


def sync_image(spec: DemoImage, tally: Tally, written: list[tuple[Any, list[str]]]) -> Image:
    """
    The Image row for `spec`, reusing its stored file while the drawing is unchanged.

    The files a new drawing is stored as (and its renditions) are added to
    `written`: a load that fails after this removes them, since rolling the
    database back leaves storage as it is.
    """
    content = render_scene(spec.scene)
    name = file_name(spec, content)
    stem = name.rsplit(".", 1)[0]
    values = _normalised(
        Image,
        {
            "alt_text_en": spec.alt_text_en,
            "alt_text_fr": spec.alt_text_fr,
            "credit_en": spec.credit_en,
            "credit_fr": spec.credit_fr,
            "decorative": False,
        },
    )
    image = Image.objects.filter(title=spec.title).order_by("pk").first()
    if image is not None:
        has_file = bool(image.file) and image.file.storage.exists(image.file.name)
        # Processing on save adds a random part and may change the extension; the
        # name still starts with "<key>-<hash>".
        if has_file and os.path.basename(image.file.name).startswith(stem):
            return upsert(Image, {"pk": image.pk}, values, tally)
        tally.add("updated")
    else:
        image = Image(title=spec.title)
        tally.add("created")
    for field, value in values.items():
        setattr(image, field, value)
    # An uncommitted file: Image.save() processes it (re-encoding, renditions, a
    # random part in the name) and removes the files it replaces after the commit.
    image.file = ContentFile(content, name=name)
    image.save()
    written.append((image.file.storage, [image.file.name, *image.rendition_names]))
    return image


def sync_program_areas(tally: Tally) -> dict[str, ProgramArea]:
    areas = {}
    for order, data in enumerate(program_areas.PROGRAM_AREAS, start=1):
        # An area an editor gave another English slug is still found by its
        # French one, and put back (a new one would take its French slug).
        existing = (
            ProgramArea.objects.filter(slug_en=data["slug_en"]).first()
            or ProgramArea.objects.filter(slug_fr=data["slug_fr"]).first()
        )
        lookup = {"pk": existing.pk} if existing else {"slug_en": data["slug_en"]}
        values = {key: value for key, value in data.items() if key not in lookup}
        areas[data["slug_en"]] = upsert(ProgramArea, lookup, {**values, "order": order}, tally)
    return areas


def _delete_stale(queryset: models.QuerySet, keep: Iterable[Any], key: str, tally: Tally) -> None:
    """Remove the demo page's rows that the demo data no longer has."""
    deleted, _ = queryset.exclude(**{f"{key}__in": list(keep)}).delete()
    tally.add("deleted", deleted)


def sync_page(
    data: dict[str, Any],
    areas: dict[str, ProgramArea],
    image_for: Callable[[DemoImage], Image],
    tally: Tally,
) -> CountryPage:
    hero = data.get("hero_image")
    page = upsert(
        CountryPage,
        {"iso_code": data["iso_code"]},
        {**data["fields"], "hero_image": image_for(hero) if hero else None},
        tally,
    )

    orders = []
    for order, section in enumerate(data["sections"], start=1):
        values = {key: value for key, value in section.items() if key not in {"image", "area"}}
        values["image"] = image_for(section["image"]) if section.get("image") else None
        values["program_area"] = areas[section["area"]] if section.get("area") else None
        values.setdefault("heading_level", 3)
        upsert(Section, {"page": page, "order": order}, values, tally)
        orders.append(order)
    _delete_stale(Section.objects.filter(page=page), orders, "order", tally)

    figures: dict[str, FundingFigure] = {}
    orders = []
    for order, figure in enumerate(data["figures"], start=1):
        values = {**FIGURE_DEFAULTS}
        values.update(
            (key, value) for key, value in figure.items() if key not in {"key", "area", "part_of"}
        )
        values["program_area"] = areas[figure["area"]] if figure.get("area") else None
        # A part must come after its whole in the data, so the whole exists already.
        values["part_of"] = figures[figure["part_of"]] if figure.get("part_of") else None
        figures[figure["key"]] = upsert(
            FundingFigure, {"page": page, "order": order}, values, tally
        )
        orders.append(order)
    _delete_stale(FundingFigure.objects.filter(page=page), orders, "order", tally)

    for kind in PageItem.Kind.values:
        orders = []
        for order, item in enumerate(data["items"].get(kind, []), start=1):
            values = {**ITEM_DEFAULTS, **item}
            upsert(PageItem, {"page": page, "kind": kind, "order": order}, values, tally)
            orders.append(order)
        _delete_stale(PageItem.objects.filter(page=page, kind=kind), orders, "order", tally)
    return page


def load_demo_content(stdout: TextIO) -> list[CountryPage]:
    """Create or update every demo object; returns the demo pages."""
    tally = Tally()
    images: dict[str, Image] = {}
    written: list[tuple[Any, list[str]]] = []

    def image_for(spec: DemoImage) -> Image:
        if spec.key not in images:
            images[spec.key] = sync_image(spec, tally, written)
        return images[spec.key]

    try:
        with transaction.atomic(), search.deferred_indexing():
            areas = sync_program_areas(tally)
            pages = [sync_page(data, areas, image_for, tally) for data in COUNTRIES]
            for page in pages:
                # Both languages of the demo are written together: each text is
                # the other's translation, whatever changed since the last run.
                mark_in_step(page)
            # Indexed every run, changed or not: a database loaded before the search
            # index existed gets searchable demo pages too. One pass, at the end.
            for page in pages:
                search.schedule_page(page.pk)
            for area in areas.values():
                search.schedule_program_area(area.pk)
    except BaseException:
        # Nothing was written to the database: no new file stays either.
        for storage, names in written:
            delete_stored(storage, names)
        raise
    for page in pages:
        stdout.write(f"{page.iso_code} {page.name_en}: {page.get_absolute_url('en')}\n")
    stdout.write(f"Demo content: {tally}.\n")
    return pages
