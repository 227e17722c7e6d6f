"""Uploaded images with their bilingual alt text and photo credit."""

import posixpath
from functools import cached_property

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from pages.images import ImageUploadField, delete_stored, store_upload

# URLs of stored files on the file-system storage, per process: building one
# (quoting, urljoin) costs more than the rest of an <img> tag, and a country
# page has dozens. The URL depends only on the storage's base URL (MEDIA_URL)
# and the name, both in the key. Other storages (S3) are always asked: their
# URLs can depend on more (custom domains, signing).
_FILE_URLS: dict[tuple[str, str], str] = {}
FILE_URLS_MAX = 4096


def stored_file_url(storage: Storage, name: str) -> str:
    """`storage.url(name)`, remembered for the plain file-system storage."""
    # __class__, not type(): default_storage is a lazy object standing for the real one.
    if storage.__class__.url is not FileSystemStorage.url:
        return storage.url(name)
    key = (storage.base_url, name)
    url = _FILE_URLS.get(key)
    if url is None:
        if len(_FILE_URLS) >= FILE_URLS_MAX:
            _FILE_URLS.clear()
        url = _FILE_URLS[key] = storage.url(name)
    return url


class Image(models.Model):
    # No width_field/height_field: Django would read the file back from
    # storage to fill them whenever they are empty; they are set from the
    # re-encoded (upright) pixels on upload instead.
    file = ImageUploadField(
        _("image file"),
        upload_to="images/%Y/%m/",
        help_text=_(
            "JPEG, PNG or WebP, at most 10 MB and 40 megapixels. Metadata (such as GPS "
            "position) is removed and smaller versions are made for phones."
        ),
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    title = models.CharField(_("title"), max_length=200, help_text=_("For editors only."))
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = models.BooleanField(
        _("decorative"), default=False, help_text=_("Adds nothing to the text: no alt text needed.")
    )
    credit = models.CharField(
        _("photo credit"), max_length=200, blank=True, help_text=_("e.g. Shutterstock")
    )
    # Responsive renditions, generated once per upload:
    # [{"width": 480, "height": 320, "format": "webp", "name": "images/…/x-480w.webp"}].
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Only a new upload is processed: a committed file was processed when
        # it arrived, so saving the title or alt text never regenerates.
        new_upload = bool(self.file) and not self.file._committed
        stale: list[str] = []
        if new_upload:
            if self.pk:
                previous = (
                    Image.objects.filter(pk=self.pk).values_list("file", "renditions").first()
                )
                if previous:
                    stale = [previous[0], *(r.get("name", "") for r in previous[1] or [])]
            self.width, self.height, self.renditions = store_upload(self.file)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "width", "height", "renditions"}
        try:
            super().save(*args, **kwargs)
        except Exception:
            if new_upload:  # The row was not written: its new files would be orphans.
                delete_stored(self.file.storage, [self.file.name, *self.rendition_names])
            raise
        if stale:
            storage = self.file.storage
            # After the commit, so that a rolled-back save keeps the old files.
            transaction.on_commit(lambda: delete_stored(storage, stale))

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True) -> None:
        """As Django's, but a form without the translated fields still shows clean()'s errors.

        Django raises ValueError when a model error names a field the form
        does not have; those errors become form-wide errors instead.
        """
        try:
            super().full_clean(exclude, validate_unique, validate_constraints)
        except ValidationError as error:
            if not exclude or not hasattr(error, "error_dict"):
                raise
            errors: dict[str, list] = {}
            for field, messages in error.error_dict.items():
                target = NON_FIELD_ERRORS if field in exclude else field
                errors.setdefault(target, []).extend(messages)
            raise ValidationError(errors) from error

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        for code, name in settings.LANGUAGES:
            language = gettext(name)
            alt_field = build_localized_fieldname("alt_text", code)
            if not self.decorative and not (getattr(self, alt_field) or "").strip():
                errors[alt_field] = ValidationError(
                    _(
                        "Enter the alternative text in %(language)s, or mark the image "
                        "as decorative."
                    ),
                    code="alt_text_required",
                    params={"language": language},
                )
            credit_field = build_localized_fieldname("credit", code)
            if not (getattr(self, credit_field) or "").strip():
                errors[credit_field] = ValidationError(
                    _("Enter the photo credit in %(language)s."),
                    code="credit_required",
                    params={"language": language},
                )
        if errors:
            raise ValidationError(errors)

    def reprocess(self) -> None:
        """Run the stored file through the upload path again: re-encoded, new renditions.

        For images stored before processing existed, or after the rendition
        widths change; the old files are deleted after the commit as on any
        replacement. A stored file that is not an acceptable image raises
        ValidationError and is left as it is.
        """
        stored_name = self.file.name
        with self.file.open("rb") as stored:
            data = stored.read()
        self.file = ContentFile(data, name=posixpath.basename(stored_name))
        try:
            self.save()
        except Exception:
            self.file = stored_name
            raise

    @property
    def alt(self) -> str:
        """The alt attribute in the active language: empty for a decorative image."""
        return "" if self.decorative else (self.alt_text or "")

    def _renditions_in(self, image_format: str) -> list[dict]:
        return sorted(
            (r for r in self.renditions or [] if r.get("format") == image_format),
            key=lambda r: r["width"],
        )

    def _srcset(self, renditions: list[dict]) -> str:
        storage = self.file.storage
        return ", ".join(f"{stored_file_url(storage, r['name'])} {r['width']}w" for r in renditions)

    @cached_property
    def webp_srcset(self) -> str:
        return self._srcset(self._renditions_in("webp"))

    @cached_property
    def fallback_renditions(self) -> list[dict]:
        return self._renditions_in("jpeg") or self._renditions_in("png")

    @cached_property
    def fallback_srcset(self) -> str:
        return self._srcset(self.fallback_renditions)

    @cached_property
    def src(self) -> str:
        """The largest fallback rendition, or the stored file for an image that has none."""
        if self.fallback_renditions:
            return stored_file_url(self.file.storage, self.fallback_renditions[-1]["name"])
        return stored_file_url(self.file.storage, self.file.name) if self.file else ""

    @property
    def rendition_names(self) -> list[str]:
        return [r["name"] for r in self.renditions or [] if r.get("name")]


@receiver(post_delete, sender=Image)
def delete_image_files(sender: type[Image], instance: Image, **kwargs) -> None:
    """Remove the stored file and renditions once the row is really gone."""
    if not instance.file:
        return
    storage = instance.file.storage
    names = [instance.file.name, *instance.rendition_names]
    transaction.on_commit(lambda: delete_stored(storage, names))
