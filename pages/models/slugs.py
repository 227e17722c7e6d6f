"""A slug is one object's in both languages: a check for country pages and program areas."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Which language's slug of the other object is taken, by the field it clashes with.
TAKEN = {
    "slug_fr": _("“%(slug)s” is already the English slug of “%(other)s”."),
    "slug_en": _("“%(slug)s” is already the French slug of “%(other)s”."),
}


def check_slugs_apart(instance: models.Model) -> None:
    """
    Refuse a slug that another object of the model has in the other language.

    Unique constraints keep each language's slugs apart; this keeps the
    languages apart from each other. Without it, page A's French slug could
    be page B's English one, and B's French address (its English slug when
    it has no French one) would show A.
    """
    pairs = (("slug_fr", "slug_en"), ("slug_en", "slug_fr"))
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    errors = {}
    for field, other_field in pairs:
        slug = getattr(instance, field, None)
        if not slug:
            continue
        other = others.filter(**{other_field: slug}).first()
        if other is not None:
            errors[field] = ValidationError(
                TAKEN[field], code="slug_taken", params={"slug": slug, "other": str(other)}
            )
    if errors:
        raise ValidationError(errors)
