"""Signal receivers of the editorial admin: translation status and old slugs kept on save."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from pages.models import CountryPage
from pages.slug_redirects import record_slug_changes, remember_slugs
from pages.translation_status import (
    forget_translation_state,
    record_translation_state,
    spec_for,
)


@receiver(post_save, dispatch_uid="editorial_record_translation_state")
def _record_translation_state(sender: type, instance: object, **kwargs: object) -> None:
    # Connected for every sender: proxies (FocusPoint, ...) send under their own class.
    # A fixture being loaded (loaddata) brings its own recorded states; a
    # restore in the admin (django-reversion's raw saves) is recorded by
    # CountryPageAdmin.save_related, which sees the whole page.
    if kwargs.get("raw"):
        return
    if spec_for(sender) is not None:
        record_translation_state(instance)


@receiver(post_delete, dispatch_uid="editorial_forget_translation_state")
def _forget_translation_state(sender: type, instance: object, **kwargs: object) -> None:
    if spec_for(sender) is not None:
        forget_translation_state(instance)


@receiver(pre_save, sender=CountryPage, dispatch_uid="editorial_remember_slugs")
def _remember_slugs(sender: type, instance: CountryPage, **kwargs: object) -> None:
    remember_slugs(instance)


@receiver(post_save, sender=CountryPage, dispatch_uid="editorial_record_slug_changes")
def _record_slug_changes(sender: type, instance: CountryPage, **kwargs: object) -> None:
    record_slug_changes(instance)
