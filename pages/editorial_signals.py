"""Signal receivers of the editorial admin: translation status kept in step with every save."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pages.translation_status import (
    forget_translation_state,
    record_translation_state,
    spec_for,
)


@receiver(post_save, dispatch_uid="editorial_record_translation_state")
def _record_translation_state(sender: type, instance: object, **kwargs: object) -> None:
    # Connected for every sender: proxies (FocusPoint, ...) send under their own class.
    # A fixture being loaded (restore, loaddata) brings its own recorded states.
    if kwargs.get("raw"):
        return
    if spec_for(sender) is not None:
        record_translation_state(instance)


@receiver(post_delete, dispatch_uid="editorial_forget_translation_state")
def _forget_translation_state(sender: type, instance: object, **kwargs: object) -> None:
    if spec_for(sender) is not None:
        forget_translation_state(instance)
